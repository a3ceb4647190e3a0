/**
 * Draws a window of a rendered markdown document (see ui/markdown/render-lines.ts).
 * The document is rendered once per terminal width; this component only turns the
 * visible lines into <Text>, and each line is memoised, so scrolling a 5,000-line
 * lesson costs a screenful of lines, not the whole lesson.
 */
import { Box, Text } from 'ink';
import { memo } from 'react';
import { hyperlink } from '../markdown/ansi.js';
import type { RenderedDoc, Segment, StyledLine } from '../markdown/types.js';

export interface MarkdownViewProps {
  /** The document, rendered for the width this view is drawn at. */
  readonly doc: RenderedDoc;
  /** Index of the first line to show (clamped to the document). */
  readonly start: number;
  /** Number of lines to show. */
  readonly height: number;
}

export function MarkdownView({ doc, start, height }: MarkdownViewProps) {
  const first = Math.max(0, Math.min(Math.floor(start), doc.lines.length));
  const last = Math.min(doc.lines.length, first + Math.max(0, Math.floor(height)));
  const rows = [];
  for (let index = first; index < last; index++) {
    const line = doc.lines[index];
    // Keyed by line index: lines still visible after a scroll keep their element.
    if (line) rows.push(<MarkdownLine key={index} line={line} />);
  }
  return <Box flexDirection="column">{rows}</Box>;
}

interface MarkdownLineProps {
  readonly line: StyledLine;
}

/** One screen line. `truncate-end` keeps a line on one row whatever Ink measures. */
const MarkdownLine = memo(function MarkdownLine({ line }: MarkdownLineProps) {
  if (line.segments.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {line.segments.map((segment, index) => (
        <SegmentText key={index} segment={segment} />
      ))}
    </Text>
  );
});

function SegmentText({ segment }: { readonly segment: Segment }) {
  const style = segment.style;
  if (!style) return <Text>{segment.text}</Text>;
  const text = style.link ? hyperlink(segment.text, style.link) : segment.text;
  return (
    <Text
      bold={style.bold}
      italic={style.italic}
      underline={style.underline}
      strikethrough={style.strikethrough}
      dimColor={style.dim}
      inverse={style.inverse}
      color={style.color}
      backgroundColor={style.backgroundColor}
    >
      {text}
    </Text>
  );
}
