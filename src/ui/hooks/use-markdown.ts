/**
 * Markdown rendered to styled lines for one width, memoised: a question's stem, options and
 * explanation are rendered once per width, not on every keypress or timer tick.
 */
import { useMemo } from 'react';
import { renderMarkdown } from '../markdown/render-lines.js';
import type { RenderedDoc } from '../markdown/types.js';

/** Colour unless NO_COLOR is set (the layout is the same either way). */
export function markdownColor(): boolean {
  return !('NO_COLOR' in process.env);
}

export function renderForWidth(markdown: string, width: number): RenderedDoc {
  return renderMarkdown(markdown, {
    width: Math.max(10, width),
    color: markdownColor(),
    hyperlinks: false,
  });
}

export function useMarkdown(markdown: string, width: number): RenderedDoc {
  return useMemo(() => renderForWidth(markdown, width), [markdown, width]);
}
