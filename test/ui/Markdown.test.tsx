import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { MarkdownView } from '../../src/ui/components/Markdown.js';
import { renderMarkdown, toPlainText } from '../../src/ui/markdown/render-lines.js';

const numbered = Array.from({ length: 100 }, (_, i) => `Paragraph number ${i}.`).join('\n\n');
// 100 paragraphs with blank lines between them: line 2*i holds "Paragraph number i."
const doc = renderMarkdown(numbered, { width: 40, color: true, hyperlinks: false });

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function frame(start: number, height: number, d = doc): string {
  const view = render(<MarkdownView doc={d} start={start} height={height} />);
  cleanup = view.unmount;
  return view.lastFrame() ?? '';
}

describe('MarkdownView', () => {
  it('renders only the window [start, start + height) of the document', () => {
    expect(frame(20, 5).split('\n')).toEqual([
      'Paragraph number 10.',
      '',
      'Paragraph number 11.',
      '',
      'Paragraph number 12.',
    ]);
  });

  it('moves the window on rerender (page down) and clamps at the end', () => {
    const view = render(<MarkdownView doc={doc} start={0} height={3} />);
    cleanup = view.unmount;
    expect(view.lastFrame()).toContain('Paragraph number 0.');
    view.rerender(<MarkdownView doc={doc} start={196} height={10} />);
    const lines = (view.lastFrame() ?? '').split('\n');
    expect(lines).toEqual(['Paragraph number 98.', '', 'Paragraph number 99.']);
    expect(view.lastFrame()).not.toContain('Paragraph number 0.');
  });

  it('draws styled segments as text with colour stripped (FORCE_COLOR=0)', () => {
    const styled = renderMarkdown(
      '## Title\n\nSome **bold** and `code`.\n\n> **Warning**\n> careful\n\n```console\n$ docker ps\n```',
      { width: 40, color: true, hyperlinks: false },
    );
    const out = frame(0, styled.lines.length, styled);
    expect(out.includes('\u001b[')).toBe(false);
    expect(out.split('\n').map((l) => l.trimEnd())).toEqual(toPlainText(styled).split('\n'));
  });

  it('keeps a line on one row even at the full width', () => {
    const wide = renderMarkdown('x'.repeat(100), { width: 40, color: true, hyperlinks: false });
    expect(frame(0, 10, wide).split('\n')).toEqual([
      'x'.repeat(40),
      'x'.repeat(40),
      'x'.repeat(20),
    ]);
  });

  it('emits an OSC 8 hyperlink for a linked segment and keeps the row width', () => {
    const linked = renderMarkdown('See [the docs](https://docs.docker.com/) now.', {
      width: 40,
      color: true,
      hyperlinks: true,
    });
    const out = frame(0, 1, linked);
    expect(out).toContain('\u001b]8;;https://docs.docker.com/\u0007the docs\u001b]8;;\u0007');
    // eslint-disable-next-line no-control-regex
    expect(out.replace(/\u001b\]8;;[^\u0007]*\u0007/g, '')).toBe('See the docs now.');
  });
});
