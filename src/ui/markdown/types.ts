/**
 * The line model of a rendered markdown document: a list of screen lines, each a list of
 * styled text segments, already wrapped to one terminal width. The lesson reader renders
 * the document once per width and then only draws the visible window of lines.
 */

export interface SegmentStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
  readonly strikethrough?: boolean;
  readonly dim?: boolean;
  readonly inverse?: boolean;
  /** An Ink/chalk colour name (`cyan`, `yellowBright`, `gray`); absent when colour is off. */
  readonly color?: string;
  readonly backgroundColor?: string;
  /** Target of an OSC 8 terminal hyperlink; only set when hyperlinks are enabled. */
  readonly link?: string;
}

export interface Segment {
  readonly text: string;
  readonly style?: SegmentStyle;
}

export interface StyledLine {
  readonly segments: readonly Segment[];
}

export interface RenderedHeading {
  /** GitHub-style slug, the same one the lesson loader gives the section. */
  readonly slug: string;
  /** The heading's plain text. */
  readonly title: string;
  readonly depth: number;
  /** Index in `lines` of the heading's first line. */
  readonly lineIndex: number;
}

export interface RenderedDoc {
  readonly lines: readonly StyledLine[];
  /** Every heading in document order (the reader's table of contents and jump targets). */
  readonly headings: readonly RenderedHeading[];
  /** The width the document was wrapped to. */
  readonly width: number;
}

export interface RenderOptions {
  /** Terminal columns available; every line's visible width stays within it. */
  readonly width: number;
  /** false for NO_COLOR or a dumb terminal: no colours at all, same layout. */
  readonly color: boolean;
  /** true to emit OSC 8 hyperlinks; false prints the URL after the link text. */
  readonly hyperlinks: boolean;
  /**
   * Optional readable name for a `lesson:<id>#<slug>` cross-reference (e.g. the lesson's
   * title and the section's heading); the raw id and slug are shown when it returns
   * undefined or is not given.
   */
  readonly describeLessonRef?: (lessonId: string, slug: string | undefined) => string | undefined;
}
