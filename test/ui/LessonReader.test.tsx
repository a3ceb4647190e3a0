import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContentRoot } from '../../src/content/paths.js';
import { ProgressStore } from '../../src/progress/store.js';
import { ServicesContext, type AppServices } from '../../src/ui/app-context.js';
import { NavigationContext } from '../../src/ui/navigation.js';
import { LessonReader, readerHeight } from '../../src/ui/screens/LessonReader.js';
import type { ScreenId } from '../../src/ui/screens.js';
import { makeTempDir } from '../helpers/home.js';
import { makeServices, recordingNavigation, renderWith, tick, waitForFrame } from './render-app.js';

const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures');
const GOOD: ContentRoot = { dir: resolve(FIXTURES, 'lessons-good'), pack: '' };
const QUIZZES: ContentRoot = { dir: resolve(FIXTURES, 'quizzes', 'good'), pack: 'q' };

/*
 * restart-policies of the fixture course at 40 columns is 25 screen lines:
 *   0 "Restart policies" (h1)   7 "What a restart policy is"   14 "┃ Quoted heading"
 *   17 "Setup & teardown"   21 "  Heading in a list"   23 "Manual stop" (last heading)
 * A 10-row terminal leaves readerHeight(10) = 6 lines of text: the last top line is 19.
 */
const VIEWPORT = { columns: 40, rows: 10 };
const HEIGHT = readerHeight(VIEWPORT.rows);
/** A frame without the table of contents (Ink needs the escape handled before the next key). */
const NO_CONTENTS = /^(?![\s\S]*Contents)/;
const KEYS = {
  down: '\u001B[B',
  up: '\u001B[A',
  pageDown: '\u001B[6~',
  pageUp: '\u001B[5~',
  home: '\u001B[H',
  end: '\u001B[F',
  escape: '\u001B',
  enter: '\r',
};

let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  unmount = undefined;
});

function services(overrides: Partial<AppServices> = {}): AppServices {
  return makeServices({ roots: [GOOD], ...overrides });
}

function open(
  props: {
    id?: string;
    section?: string;
    canOpen?: (screen: ScreenId) => boolean;
    viewport?: { columns: number; rows: number };
  } = {},
  app: AppServices = services(),
) {
  const nav = recordingNavigation();
  const view = renderWith(
    <LessonReader
      id={props.id ?? 'restart-policies'}
      section={props.section}
      canOpen={props.canOpen}
      viewport={props.viewport ?? VIEWPORT}
    />,
    app,
    nav,
  );
  unmount = view.unmount;
  return { ...view, nav, app };
}

/** The text lines of the window (between the title line and the status line). */
function windowLines(frame: string): string[] {
  return frame.split('\n').slice(1, 1 + HEIGHT);
}

async function press(
  view: ReturnType<typeof open>,
  key: string,
  expected: string | RegExp,
): Promise<string> {
  view.stdin.write(key);
  return waitForFrame(view.lastFrame, expected);
}

describe('LessonReader', () => {
  it('shows the title, a window of the lesson, the position and the key hints', async () => {
    const view = open();
    const frame = await waitForFrame(view.lastFrame, '0%');
    expect(frame.split('\n')[0]).toContain('Restart policies');
    expect(windowLines(frame)[0]).toBe('Restart policies');
    expect(windowLines(frame)[1]).toMatch(/^═+$/);
    expect(frame).not.toContain('Manual stop');
    expect(frame).toContain('t contents');
    // Title, window, status and hints: one row less than the terminal.
    expect(frame.split('\n')).toHaveLength(HEIGHT + 3);
  });

  it('scrolls with j/k, arrows, space/b, PgDn/PgUp, g/G and Home/End', async () => {
    const view = open();
    await waitForFrame(view.lastFrame, '0%');
    const top = async (key: string, first: string | RegExp, percent: string) => {
      const frame = await press(view, key, new RegExp(`(^|\\s)${percent}%`));
      const line = windowLines(frame)[0] ?? '';
      if (typeof first === 'string') expect(line).toBe(first);
      else expect(line).toMatch(first);
    };
    await top('j', /^═+$/, '5'); // line 1 of 19
    await top(KEYS.down, '', '11'); // line 2
    await top('k', /^═+$/, '5');
    await top(KEYS.up, 'Restart policies', '0');
    await top(' ', 'Sharing layers).', '26'); // a page is the window less one line: 5
    await top('b', 'Restart policies', '0');
    await top(KEYS.pageDown, 'Sharing layers).', '26');
    await top(KEYS.pageDown, 'The --restart flag of docker run sets', '53'); // line 10
    await top(KEYS.pageUp, 'Sharing layers).', '26');
    await top('G', '', '100'); // line 19: the last six lines
    const end = view.lastFrame() ?? '';
    expect(windowLines(end).at(-1)).toMatch(/^─+$/); // the rule under "Manual stop"
    await top('g', 'Restart policies', '0');
    await top(KEYS.end, '', '100');
    await top(KEYS.home, 'Restart policies', '0');
    // Past either end it stays put.
    view.stdin.write('k');
    await tick(60);
    expect(windowLines(view.lastFrame() ?? '')[0]).toBe('Restart policies');
  });

  it('jumps to a section from the table of contents (## and ### only)', async () => {
    const view = open();
    await waitForFrame(view.lastFrame, '0%');
    const toc = await press(view, 't', 'Contents');
    expect(toc).toContain('❯  What a restart policy is');
    expect(toc).toContain('     Heading in a list'); // ### indented under its ##
    expect(toc).not.toMatch(/ {2}Restart policies\n/); // the # title is not listed
    await press(view, 'j', '❯  Quoted heading');
    await press(view, 'j', '❯  Setup & teardown');
    const frame = await press(view, KEYS.enter, /Setup & teardown · \d+%/);
    expect(windowLines(frame)[0]).toBe('Setup & teardown');
    expect(frame).not.toContain('Contents');
    // Esc closes the contents without moving.
    await press(view, 't', '❯  Setup & teardown');
    await press(view, 'G', '❯  Manual stop');
    const closed = await press(view, KEYS.escape, 'q back');
    expect(windowLines(closed)[0]).toBe('Setup & teardown');
  });

  it('searches with / and steps through the matches with n and N', async () => {
    const view = open();
    await waitForFrame(view.lastFrame, '0%');
    // Wait for the search prompt's own hint: '/' alone is in the reader's key hints already.
    await press(view, '/', 'enter search');
    view.stdin.write('layers');
    await waitForFrame(view.lastFrame, '/layers');
    // Lines 4 ("and layers (see") and 5 ("Sharing layers).") match.
    let frame = await press(view, KEYS.enter, 'Match 1/2 for “layers”');
    expect(windowLines(frame)).toContain('and layers (see “What an image is” ›');
    frame = await press(view, 'n', 'Match 2/2');
    expect(windowLines(frame)).toContain('Sharing layers).');
    await press(view, 'n', 'Match 1/2'); // wraps around
    await press(view, 'N', 'Match 2/2');
    // A search with no match says so and does not move.
    await press(view, '/', 'enter search');
    view.stdin.write('zebra');
    await waitForFrame(view.lastFrame, '/zebra');
    await press(view, KEYS.enter, 'No match for “zebra”.');
    // Esc cancels a search being typed.
    await press(view, '/', 'esc cancel');
    await press(view, KEYS.escape, 'q back');
  });

  it('saves the position, marks the lesson read at the end, and restores it', async () => {
    const home = makeTempDir('dockdrill-reader-');
    const app = services({ home, store: new ProgressStore(home) });
    const first = open({}, app);
    await waitForFrame(first.lastFrame, '0%');
    await press(first, ' ', '26%');
    first.unmount(); // leaving saves at once
    unmount = undefined;
    const saved = new ProgressStore(home).read().lessons['restart-policies'];
    expect(saved?.position).toBe(5);
    expect(saved?.readAt).toBeUndefined();

    const second = open({}, app);
    const frame = await waitForFrame(second.lastFrame, '26%');
    expect(windowLines(frame)[0]).toBe('Sharing layers).');
    await press(second, 'G', 'read ✓');
    // Reaching the end is saved at once, without leaving.
    await tick(50);
    const read = new ProgressStore(home).read().lessons['restart-policies'];
    expect(read?.readAt).toBeDefined();
    expect(read?.position).toBe(19);
    await press(second, 'g', '0% · read ✓'); // read stays read
  });

  it('saves the position after scrolling stops, without leaving', async () => {
    const home = makeTempDir('dockdrill-reader-');
    const app = services({ home, store: new ProgressStore(home) });
    const view = open({}, app);
    await waitForFrame(view.lastFrame, '0%');
    await press(view, 'j', '5%');
    await press(view, 'j', '11%');
    await tick(600);
    expect(new ProgressStore(home).read().lessons['restart-policies']?.position).toBe(2);
  });

  it('opens at the section the route names', async () => {
    const view = open({ id: 'image-basics', section: 'sharing-layers' });
    const frame = await waitForFrame(view.lastFrame, 'Sharing layers');
    expect(windowLines(frame)[0]).toBe('Sharing layers');
  });

  it('keeps the place anchored to the section when the width changes', async () => {
    const view = open();
    await waitForFrame(view.lastFrame, '0%');
    await press(view, 't', 'Contents');
    await press(view, 'G', '❯  Manual stop');
    await press(view, 'k', '❯    Heading in a list');
    await press(view, 'k', '❯  Setup & teardown');
    await press(view, KEYS.enter, 'Setup & teardown ·');
    await press(view, 'j', /Setup & teardown · \d+%/);
    // One line into the section: the rule under its heading.
    expect(windowLines(view.lastFrame() ?? '')[0]).toMatch(/^─+$/);
    for (const columns of [24, 70]) {
      view.rerender(
        <ServicesContext.Provider value={view.app}>
          <NavigationContext.Provider value={view.nav}>
            <LessonReader id="restart-policies" viewport={{ columns, rows: 10 }} />
          </NavigationContext.Provider>
        </ServicesContext.Provider>,
      );
      await tick(60);
      const lines = windowLines(view.lastFrame() ?? '');
      expect(lines[0]).toMatch(/^─+$/);
      expect(lines[0]?.length).toBe('Setup & teardown'.length);
      expect(lines.every((line) => line.length <= columns)).toBe(true);
    }
  });

  it('never draws more rows than the terminal has, in every mode', async () => {
    for (const rows of [6, 10, 24]) {
      const view = open({ viewport: { columns: 40, rows } });
      await waitForFrame(view.lastFrame, '%');
      expect((view.lastFrame() ?? '').split('\n').length).toBeLessThan(rows);
      await press(view, 't', 'Contents');
      expect((view.lastFrame() ?? '').split('\n').length).toBeLessThan(rows);
      await press(view, KEYS.escape, NO_CONTENTS);
      await press(view, '/', 'esc cancel');
      expect((view.lastFrame() ?? '').split('\n').length).toBeLessThan(rows);
      view.unmount();
      unmount = undefined;
    }
  });

  it('opens the quiz and the lab when they exist and the screens are there', async () => {
    const app = services({ roots: [GOOD, QUIZZES] });
    const view = open(
      { id: 'image-basics', canOpen: () => true, viewport: { columns: 80, rows: 10 } },
      app,
    );
    const frame = await waitForFrame(view.lastFrame, '%');
    expect(frame).toContain('z quiz');
    expect(frame).toContain('L lab');
    view.stdin.write('z');
    await tick(40);
    view.stdin.write('L');
    await tick(40);
    expect(view.nav.opened).toEqual([
      { name: 'quiz', filter: 'image-basics' },
      { name: 'lab', id: 'image-basics-lab' },
    ]);
  });

  it('says so when the quiz or lab screen is missing, or the lesson has none', async () => {
    const app = services({ roots: [GOOD, QUIZZES] });
    const view = open({ id: 'image-basics' }, app);
    await waitForFrame(view.lastFrame, '%');
    await press(view, 'z', 'Quizzes are not in this version');
    await press(view, 'L', 'Labs are not in this version');
    view.unmount();
    const other = open({ canOpen: () => true });
    await waitForFrame(other.lastFrame, '%');
    await press(other, 'z', 'This lesson has no quiz.');
    await press(other, 'L', 'This lesson has no lab.');
    expect(other.nav.opened).toEqual([]);
  });

  it('goes back with q and esc', async () => {
    const view = open();
    await waitForFrame(view.lastFrame, '0%');
    view.stdin.write('q');
    await tick(40);
    view.stdin.write(KEYS.escape);
    await tick(80);
    expect(view.nav.backs).toBe(2);
  });

  it('names an unknown lesson and lists the ones that exist', async () => {
    const view = open({ id: 'nope' });
    const frame = await waitForFrame(view.lastFrame, 'There is no lesson');
    expect(frame).toContain('image-basics, restart-policies');
  });
});
