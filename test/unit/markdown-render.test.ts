import { describe, expect, it } from 'vitest';
import {
  CODE_CONTINUATION,
  renderMarkdown,
  toAnsi,
  toPlainText,
} from '../../src/ui/markdown/render-lines.js';
import type {
  RenderOptions,
  RenderedDoc,
  Segment,
  StyledLine,
} from '../../src/ui/markdown/types.js';
import { stringWidth } from '../../src/ui/markdown/width.js';

const opts = (width: number, extra: Partial<RenderOptions> = {}): RenderOptions => ({
  width,
  color: true,
  hyperlinks: false,
  ...extra,
});
const text = (line: StyledLine | undefined): string =>
  (line?.segments ?? []).map((s) => s.text).join('');
const texts = (doc: RenderedDoc): string[] => doc.lines.map(text);
const lineWidth = (line: StyledLine): number => stringWidth(text(line));
/** The first segment whose text contains `needle`. */
function seg(doc: RenderedDoc, needle: string): Segment {
  for (const line of doc.lines)
    for (const s of line.segments) if (s.text.includes(needle)) return s;
  throw new Error(`no segment contains ${JSON.stringify(needle)}:\n${toPlainText(doc)}`);
}
function expectFits(doc: RenderedDoc, width: number): void {
  const over = doc.lines.filter((line) => lineWidth(line) > width).map(text);
  expect(over).toEqual([]);
}

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[\d;]*m/g;

const KITCHEN_SINK = `# Restart policies

Docker restarts a container according to its **restart policy**, set with \`--restart\` on
\`docker run\`. An *unless-stopped* container stays down after ~~a crash~~ a manual stop.

## Policies at a glance

1. no
2. on-failure
   - with a retry limit
3. always

- [x] read the lesson
- [ ] do the lab

> A plain quote that is long enough to wrap over more than one line at forty columns.

> **Note**: the daemon restarts containers itself.

> **Warning**
> Do not rely on this for batch jobs.

> **Exam tip** know all four policies.

| Policy | Restarts on crash | After a daemon restart |
|:--|:-:|--:|
| no | no | no |
| unless-stopped | yes, every time it exits with any code | only if it was running |

---

\`\`\`console
$ docker run -d --name web --restart unless-stopped busybox:1.36 sleep 3600
3c1d2e4f5a6b
$ docker inspect --format '{{.HostConfig.RestartPolicy.Name}}' web
unless-stopped
\`\`\`
`;

describe('renderMarkdown: layout invariants', () => {
  it.each([20, 40, 60, 80, 120])('never exceeds %i columns', (width) => {
    expectFits(renderMarkdown(KITCHEN_SINK, opts(width)), width);
  });

  it('re-wraps to a new width (resizing) and keeps headings pointing at their lines', () => {
    const wide = renderMarkdown(KITCHEN_SINK, opts(80));
    const narrow = renderMarkdown(KITCHEN_SINK, opts(40));
    expect(narrow.lines.length).toBeGreaterThan(wide.lines.length);
    for (const doc of [wide, narrow]) {
      for (const heading of doc.headings)
        expect(text(doc.lines[heading.lineIndex])).toContain(heading.title);
    }
    expect(narrow.width).toBe(40);
  });

  it('without colour has no colour at all but exactly the same layout', () => {
    const coloured = renderMarkdown(KITCHEN_SINK, opts(40));
    const plain = renderMarkdown(KITCHEN_SINK, opts(40, { color: false }));
    expect(texts(plain)).toEqual(texts(coloured));
    const styles = plain.lines.flatMap((line) => line.segments.map((s) => s.style ?? {}));
    expect(styles.filter((s) => s.color !== undefined || s.backgroundColor !== undefined)).toEqual(
      [],
    );
    // Non-colour emphasis survives NO_COLOR.
    expect(seg(plain, 'restart policy').style?.bold).toBe(true);
    expect(coloured.lines.some((line) => line.segments.some((s) => s.style?.color))).toBe(true);
  });

  it('toPlainText has no escapes; toAnsi has SGR codes and the same visible text', () => {
    const doc = renderMarkdown(KITCHEN_SINK, opts(60));
    const plain = toPlainText(doc);
    expect(plain.includes('\u001b')).toBe(false);
    const ansi = toAnsi(doc);
    expect(ansi).toContain('\u001b[1;35mRestart policies\u001b[0m');
    expect(
      ansi
        .replace(SGR, '')
        .split('\n')
        .map((l) => l.trimEnd()),
    ).toEqual(plain.split('\n'));
  });
});

describe('headings', () => {
  const doc = renderMarkdown('# One\n\n## Two\n\n### Three\n\n#### Four\n\n## Two\n', opts(40));

  it('gives each level a distinct style, with a rule under # and ##', () => {
    expect(texts(doc)).toEqual([
      'One',
      '═══',
      '',
      'Two',
      '───',
      '',
      'Three',
      '',
      'Four',
      '',
      'Two',
      '───',
    ]);
    const [one, two, three, four] = ['One', 'Two', 'Three', 'Four'].map((t) => seg(doc, t).style);
    expect(one).toMatchObject({ bold: true, color: 'magenta' });
    expect(two).toMatchObject({ bold: true, color: 'cyan' });
    expect(three).toMatchObject({ bold: true, color: 'green' });
    expect(four).toMatchObject({ bold: true, italic: true });
    expect(new Set([one, two, three, four].map((s) => JSON.stringify(s))).size).toBe(4);
  });

  it('records every heading with its GitHub slug and line index', () => {
    expect(doc.headings).toEqual([
      { slug: 'one', title: 'One', depth: 1, lineIndex: 0 },
      { slug: 'two', title: 'Two', depth: 2, lineIndex: 3 },
      { slug: 'three', title: 'Three', depth: 3, lineIndex: 6 },
      { slug: 'four', title: 'Four', depth: 4, lineIndex: 8 },
      { slug: 'two-1', title: 'Two', depth: 2, lineIndex: 10 },
    ]);
  });

  it('slugs inline markup the way the lesson loader does', () => {
    const d = renderMarkdown('## The `CMD` *instruction* & you\n', opts(80));
    expect(d.headings[0]).toMatchObject({
      slug: 'the-cmd-instruction--you',
      title: 'The CMD instruction & you',
    });
  });

  it('wraps a long heading and keeps the rule within the width', () => {
    const d = renderMarkdown('# A heading that is much longer than twenty columns\n', opts(20));
    expectFits(d, 20);
    const lines = texts(d);
    const widest = Math.max(...lines.slice(0, -1).map((l) => l.length));
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.at(-1)).toBe('═'.repeat(widest));
  });
});

describe('paragraphs and inline styles', () => {
  const para = 'Use **bold**, *italic*, ~~old~~ and `docker image ls` in one sentence.';

  it('styles bold, italic, strikethrough and inline code', () => {
    const doc = renderMarkdown(para, opts(80));
    expect(texts(doc)).toEqual(['Use bold, italic, old and docker image ls in one sentence.']);
    expect(seg(doc, 'bold').style).toEqual({ bold: true });
    expect(seg(doc, 'italic').style).toEqual({ italic: true });
    const struck = doc.lines[0]!.segments.find((s) => s.text === 'old');
    expect(struck?.style).toEqual({ strikethrough: true });
    expect(seg(doc, 'docker image ls').style).toEqual({ color: 'cyan' });
    expect(seg(doc, 'Use').style).toBeUndefined();
  });

  it('nests styles (bold inside italic)', () => {
    const doc = renderMarkdown('*very **much** so*', opts(80));
    expect(seg(doc, 'much').style).toEqual({ italic: true, bold: true });
  });

  it('wraps words at 40 and at 80 columns', () => {
    const long = 'word '.repeat(40).trim();
    const at40 = texts(renderMarkdown(long, opts(40)));
    const at80 = texts(renderMarkdown(long, opts(80)));
    expect(at40[0]).toBe('word '.repeat(8).trim()); // 8 words = 39 columns
    expect(at40).toHaveLength(5);
    expect(at80[0]).toBe('word '.repeat(16).trim()); // 16 words = 79 columns
    expect(at80).toHaveLength(3);
  });

  it('cuts a word longer than the line instead of overflowing', () => {
    const doc = renderMarkdown('x'.repeat(25), opts(10));
    expect(texts(doc)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('honours hard line breaks and treats soft breaks as spaces', () => {
    expect(texts(renderMarkdown('one\ntwo  \nthree', opts(40)))).toEqual(['one two', 'three']);
  });

  it('measures wide characters as two columns', () => {
    const doc = renderMarkdown('日本語 '.repeat(10), opts(20));
    expectFits(doc, 20);
    // Each 日本語 is 6 columns: three of them and two spaces fill 20 exactly.
    expect(texts(doc)[0]).toBe('日本語 日本語 日本語');
    expect(lineWidth(doc.lines[0]!)).toBe(20);
    expect(texts(doc)).toHaveLength(4);
  });

  it('decodes HTML entities and drops inline tags', () => {
    expect(texts(renderMarkdown('a &amp; b &lt;c&gt; <kbd>Ctrl</kbd>+C', opts(40)))).toEqual([
      'a & b <c> Ctrl+C',
    ]);
  });
});

describe('links', () => {
  const md = 'See [the docs](https://docs.docker.com/reference/) and <https://example.com>.';

  it('prints the URL after the text when hyperlinks are off', () => {
    const doc = renderMarkdown(md, opts(100));
    expect(texts(doc)).toEqual([
      'See the docs (https://docs.docker.com/reference/) and https://example.com.',
    ]);
    expect(seg(doc, 'the docs').style).toMatchObject({ underline: true, color: 'blue' });
    expect(seg(doc, 'the docs').style?.link).toBeUndefined();
  });

  it('uses OSC 8 hyperlinks when enabled, without repeating the URL', () => {
    const doc = renderMarkdown(md, opts(100, { hyperlinks: true }));
    expect(texts(doc)).toEqual(['See the docs and https://example.com.']);
    expect(seg(doc, 'the docs').style?.link).toBe('https://docs.docker.com/reference/');
    expect(toAnsi(doc)).toContain('\u001b]8;;https://docs.docker.com/reference/\u0007');
  });

  it('shows lesson: links as a readable cross-reference', () => {
    const md2 =
      'Read [manual stops](lesson:restart-policies#manual-stop) or [images](lesson:image-basics).';
    const doc = renderMarkdown(md2, opts(200, { hyperlinks: true }));
    expect(texts(doc)).toEqual([
      'Read manual stops (see lesson restart-policies, section manual-stop) or images (see lesson image-basics).',
    ]);
    expect(seg(doc, 'manual stops').style?.link).toBeUndefined();
    const described = renderMarkdown(md2, {
      ...opts(200),
      describeLessonRef: (id, slug) =>
        id === 'restart-policies' ? `"Restart policies" > ${slug}` : undefined,
    });
    expect(text(described.lines[0])).toContain('(see "Restart policies" > manual-stop)');
  });
});

describe('lists', () => {
  it('numbers ordered lists from their start, right-aligning the markers', () => {
    const items = Array.from({ length: 10 }, (_, i) => `${i + 8}. item ${i + 8}`).join('\n');
    const lines = texts(renderMarkdown(items, opts(40)));
    expect(lines[0]).toBe(' 8. item 8');
    expect(lines[2]).toBe('10. item 10');
  });

  it('indents wrapped item text under the text, not the marker', () => {
    const doc = renderMarkdown('1. one two three four five six seven', opts(16));
    expect(texts(doc)).toEqual(['1. one two three', '   four five six', '   seven']);
    expect(seg(doc, '1.').style).toEqual({ color: 'yellow' });
  });

  it('nests lists with a different bullet per level', () => {
    const doc = renderMarkdown('- a\n  - b\n    - c\n- d', opts(40));
    expect(texts(doc)).toEqual(['• a', '  ◦ b', '    - c', '• d']);
  });

  it('keeps paragraphs of loose lists apart', () => {
    expect(texts(renderMarkdown('- a\n\n- b', opts(40)))).toEqual(['• a', '', '• b']);
  });

  it('draws task lists as [x] and [ ] with distinct styles', () => {
    const doc = renderMarkdown('- [x] built the image\n- [ ] pushed it to a registry', opts(20));
    expect(texts(doc)).toEqual([
      '• [x] built the',
      '      image',
      '• [ ] pushed it to a',
      '      registry',
    ]);
    expect(seg(doc, '[x]').style).toMatchObject({ color: 'green', bold: true });
    expect(seg(doc, '[ ]').style).toEqual({ dim: true });
  });
});

describe('block quotes and callouts', () => {
  it('puts a bar before every line of a quote, wrapped lines included', () => {
    const doc = renderMarkdown('> one two three four five six', opts(12));
    expect(texts(doc)).toEqual(['│ one two', '│ three four', '│ five six']);
    expect(seg(doc, '│').style).toEqual({ color: 'gray' });
  });

  it.each([
    ['> **Note**: the text.', 'Note', 'blue'],
    ['> **Warning**\n> the text.', 'Warning', 'yellow'],
    ['> **Exam tip** the text.', 'Exam tip', 'magenta'],
  ])('renders %j as a labelled callout with its own colour', (md, label, color) => {
    const doc = renderMarkdown(md, opts(40));
    expect(texts(doc)).toEqual([`┃ ${label}`, '┃ the text.']);
    expect(doc.lines[0]?.segments[0]?.style).toEqual({ color });
    expect(seg(doc, label).style).toEqual({ color, bold: true });
    expect(doc.lines[1]?.segments[0]?.style).toEqual({ color });
  });

  it('accepts GitHub alert syntax too', () => {
    expect(texts(renderMarkdown('> [!WARNING]\n> careful', opts(40)))).toEqual([
      '┃ Warning',
      '┃ careful',
    ]);
  });

  it('does not treat other bold openings as callouts', () => {
    expect(texts(renderMarkdown('> **Careful** here', opts(40)))).toEqual(['│ Careful here']);
  });
});

describe('tables', () => {
  const md =
    '| Policy | Meaning |\n|:--|--:|\n| no | never restarts |\n| always | restarts whatever happened |';

  it('uses natural column widths and borders when the table fits', () => {
    const doc = renderMarkdown(md, opts(80));
    expect(texts(doc)).toEqual([
      '┌────────┬────────────────────────────┐',
      '│ Policy │                    Meaning │',
      '├────────┼────────────────────────────┤',
      '│ no     │             never restarts │',
      '│ always │ restarts whatever happened │',
      '└────────┴────────────────────────────┘',
    ]);
    expect(seg(doc, 'Policy').style).toEqual({ bold: true });
    expect(seg(doc, '┌').style).toEqual({ color: 'gray' });
  });

  it('fits columns to a narrow width and wraps cells, separating multi-line rows', () => {
    const doc = renderMarkdown(md, opts(30));
    expectFits(doc, 30);
    expect(texts(doc)).toEqual([
      '┌────────┬───────────────────┐',
      '│ Policy │           Meaning │',
      '├────────┼───────────────────┤',
      '│ no     │    never restarts │',
      '├────────┼───────────────────┤',
      '│ always │ restarts whatever │',
      '│        │          happened │',
      '└────────┴───────────────────┘',
    ]);
  });

  it('splits the width so the fewest rows wrap, not by shrinking the widest column', () => {
    // Shrinking the widest column first would wrap the first three rows to save the
    // last one a line; giving the narrow column less wraps only the last row.
    const rows = [
      'stops on any failure | a',
      'keeps going whatever | b',
      'restarts it at once | c',
    ];
    const table = `| Policy | Note |\n|---|---|\n${rows.map((r) => `| ${r} |\n`).join('')}| no | run in the background |`;
    const doc = renderMarkdown(table, opts(40));
    expectFits(doc, 40);
    expect(texts(doc)).toEqual([
      '┌──────────────────────┬───────────────┐',
      '│ Policy               │ Note          │',
      '├──────────────────────┼───────────────┤',
      '│ stops on any failure │ a             │',
      '├──────────────────────┼───────────────┤',
      '│ keeps going whatever │ b             │',
      '├──────────────────────┼───────────────┤',
      '│ restarts it at once  │ c             │',
      '├──────────────────────┼───────────────┤',
      '│ no                   │ run in the    │',
      '│                      │ background    │',
      '└──────────────────────┴───────────────┘',
    ]);
  });

  it.each([40, 80])('keeps a wide table inside %i columns', (width) => {
    const row = `| ${'long cell text '.repeat(6)} | b | ${'c'.repeat(70)} |`;
    const doc = renderMarkdown(`| A | B | C |\n|---|---|---|\n${row}`, opts(width));
    expectFits(doc, width);
    expect(doc.lines.every((line) => text(line).length === 0 || lineWidth(line) === width)).toBe(
      true,
    );
  });

  it('falls back to "header: value" lines when the columns cannot fit', () => {
    const header = `| ${Array.from({ length: 12 }, (_, i) => `h${i}`).join(' | ')} |`;
    const sep = `|${'---|'.repeat(12)}`;
    const row = `| ${Array.from({ length: 12 }, (_, i) => `v${i}`).join(' | ')} |`;
    const doc = renderMarkdown(`${header}\n${sep}\n${row}`, opts(30));
    expectFits(doc, 30);
    expect(texts(doc).slice(0, 2)).toEqual(['h0: v0', 'h1: v1']);
  });
});

describe('horizontal rules', () => {
  it('spans the whole width', () => {
    expect(texts(renderMarkdown('a\n\n---\n\nb', opts(33)))).toEqual([
      'a',
      '',
      '─'.repeat(33),
      '',
      'b',
    ]);
  });
});

describe('code blocks', () => {
  it('indents code and never wraps it silently: continuation lines carry a mark', () => {
    const line = 'docker run -d --name web --restart unless-stopped busybox:1.36 sleep 3600';
    const doc = renderMarkdown('```sh\n' + line + '\n```', opts(30));
    expectFits(doc, 30);
    const lines = texts(doc);
    expect(lines[0]).toBe('  docker run -d --name web --r');
    expect(lines.slice(1).every((l) => l.startsWith(CODE_CONTINUATION))).toBe(true);
    // Joining the pieces gives back the exact command.
    expect(lines.map((l) => l.slice(2)).join('')).toBe(line);
  });

  it('keeps blank lines and expands tabs', () => {
    expect(texts(renderMarkdown('```\na\n\n\tb\n```', opts(40)))).toEqual(['  a', '', '      b']);
  });

  it('colours dockerfile instructions, strings, variables and comments', () => {
    const doc = renderMarkdown(
      '```dockerfile\n# build\nFROM busybox:1.36 AS base\nRUN echo "hi $NAME" && \\\n    ls\nCOPY --from=base /a /b\n```',
      opts(60),
    );
    expect(seg(doc, '# build').style).toMatchObject({ color: 'gray' });
    expect(seg(doc, 'FROM').style).toEqual({ color: 'blue', bold: true });
    expect(seg(doc, 'AS').style).toEqual({ color: 'blue', bold: true });
    expect(seg(doc, '"hi $NAME"').style).toEqual({ color: 'green' });
    expect(seg(doc, '--from').style).toEqual({ color: 'cyan' });
    // The continued RUN line is not mistaken for an instruction.
    expect(seg(doc, 'ls').style).toBeUndefined();
  });

  it('colours shell commands, flags, strings and variables', () => {
    const doc = renderMarkdown(
      "```bash\nexport TAG=v1 # pin\ndocker build -t app:$TAG . | tee 'log.txt'\n```",
      opts(60),
    );
    expect(seg(doc, 'export').style).toEqual({ color: 'magenta' });
    expect(seg(doc, '# pin').style).toMatchObject({ color: 'gray' });
    expect(seg(doc, 'docker').style).toEqual({ color: 'blue' });
    expect(seg(doc, '-t').style).toEqual({ color: 'cyan' });
    expect(seg(doc, '$TAG').style).toEqual({ color: 'yellow' });
    expect(seg(doc, 'tee').style).toEqual({ color: 'blue' });
    expect(seg(doc, "'log.txt'").style).toEqual({ color: 'green' });
  });

  it('styles console prompt lines distinctly from output lines', () => {
    const doc = renderMarkdown(
      '```console\n$ docker ps -q\n3c1d2e4f5a6b\n$ echo done\ndone\n```',
      opts(40),
    );
    expect(texts(doc)).toEqual(['  $ docker ps -q', '  3c1d2e4f5a6b', '  $ echo done', '  done']);
    expect(seg(doc, '$').style).toEqual({ color: 'green', bold: true });
    expect(seg(doc, 'docker').style).toMatchObject({ bold: true });
    expect(seg(doc, ' ps ').style).toEqual({ bold: true });
    expect(doc.lines[1]!.segments).toEqual([{ text: '  3c1d2e4f5a6b' }]);
  });

  it('treats a backslash-continued console command as command, then output', () => {
    const doc = renderMarkdown(
      '```console\n$ docker run \\\n  busybox:1.36 echo hi\nhi\n```',
      opts(40),
    );
    expect(seg(doc, 'busybox:1.36').style).toMatchObject({ bold: true });
    expect(doc.lines[2]!.segments).toEqual([{ text: '  hi' }]);
  });

  it('colours yaml keys, strings, numbers, booleans and comments', () => {
    const doc = renderMarkdown(
      '```yaml\nname: web # the name\nreplicas: 3\nports: ["80:80"]\nenabled: true\n```',
      opts(40),
    );
    expect(seg(doc, 'name').style).toEqual({ color: 'cyan' });
    expect(seg(doc, '# the name').style).toMatchObject({ color: 'gray' });
    expect(seg(doc, '3').style).toEqual({ color: 'yellow' });
    expect(seg(doc, '"80:80"').style).toEqual({ color: 'green' });
    expect(seg(doc, 'true').style).toEqual({ color: 'magenta' });
  });

  it('colours json keys, strings, numbers and literals', () => {
    const doc = renderMarkdown('```json\n{"Cmd": ["sh"], "Tty": false, "N": 2}\n```', opts(60));
    expect(seg(doc, '"Cmd"').style).toEqual({ color: 'cyan' });
    expect(seg(doc, '"sh"').style).toEqual({ color: 'green' });
    expect(seg(doc, 'false').style).toEqual({ color: 'magenta' });
    expect(seg(doc, '2').style).toEqual({ color: 'yellow' });
  });

  it('leaves unknown languages unstyled', () => {
    const doc = renderMarkdown('```text\nFROM "x"\n```', opts(40));
    expect(doc.lines[0]!.segments).toEqual([{ text: '  FROM "x"' }]);
  });
});
