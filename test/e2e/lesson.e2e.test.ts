/**
 * The lesson reader in a real terminal: home -> Lessons -> a bundled lesson, scrolling,
 * the table of contents, search, a resize, quitting, and reopening at the same place in a
 * new process with the same DOCKDRILL_HOME.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/home.js';
import { describeTmux, TmuxSession } from '../helpers/tmux.js';

const TITLE = 'Container lifecycle and restart policies';
const LESSON_ROW = /❯ [○◐✓] Container lifecycle and restart/;

/** The screen's lines, without the trailing blank rows tmux pads the pane with. */
function lines(screen: string): string[] {
  return screen.replace(/\n+$/, '').split('\n');
}

/** The header's position, e.g. 42 from "…  Some section · 42%". */
function percentOf(screen: string): number {
  const match = /(\d+)%/.exec(lines(screen)[0] ?? '');
  if (!match) throw new Error(`no position in the header:\n${screen}`);
  return Number(match[1]);
}

/** Polls the screen until `test` holds (TmuxSession.waitFor takes text or a pattern). */
async function until(
  session: TmuxSession,
  test: (screen: string) => boolean,
  timeoutMs = 10_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let screen = '';
  while (Date.now() < deadline) {
    screen = session.screen();
    if (test(screen)) return screen;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out; screen was:\n${screen}`);
}

async function openLessonFromHome(session: TmuxSession): Promise<string> {
  await session.waitFor('❯ Lessons');
  session.send('Enter');
  await session.waitFor('enter read');
  for (let i = 0; i < 12 && !LESSON_ROW.test(session.screen()); i++) {
    session.send('j');
  }
  await session.waitFor(LESSON_ROW);
  session.send('Enter');
  return session.waitFor(/\d+%/);
}

describeTmux('lesson reader in a real terminal (tmux)', () => {
  let session: TmuxSession | undefined;
  afterEach(() => session?.close());

  it('scrolls, jumps, searches, survives a resize and reopens where the learner left', async () => {
    const home = makeTempDir();
    session = new TmuxSession({ env: { DOCKDRILL_HOME: home }, columns: 80, rows: 24 });
    let screen = await openLessonFromHome(session);
    expect(lines(screen)[0]).toContain(TITLE);
    expect(percentOf(screen)).toBe(0);
    expect(screen).toContain('t contents');
    // The live area stays shorter than the terminal: nothing scrolled off the top.
    expect(lines(screen).length).toBeLessThan(24);

    // Scroll: a line, then a page.
    const firstTop = lines(screen)[1];
    session.send('j');
    screen = await until(session, (s) => lines(s)[1] !== firstTop);
    session.send('Space');
    screen = await until(session, (s) => percentOf(s) > 0);
    const afterPage = percentOf(screen);

    // Table of contents: pick the third entry and jump to it.
    session.send('t');
    await session.waitFor('Contents');
    session.send('j', 'j');
    screen = await until(session, (s) => lines(s).filter((l) => l.startsWith('❯')).length === 1);
    const picked = lines(screen)
      .find((l) => l.startsWith('❯'))!
      .slice(1)
      .trim();
    expect(picked.length).toBeGreaterThan(0);
    session.send('Enter');
    screen = await until(session, (s) => !s.includes('Contents'));
    expect(lines(screen)[1]).toBe(picked);
    expect(percentOf(screen)).toBeGreaterThan(afterPage);

    // Search from here; n goes to the next match.
    session.send('/');
    await session.waitFor('esc cancel');
    session.type('docker');
    await session.waitFor('/docker');
    session.send('Enter');
    // The search starts at the first match on screen or below it.
    screen = await session.waitFor(/Match \d+\/\d+ for “docker”/);
    const [, at, total] = /Match (\d+)\/(\d+)/.exec(screen)!.map(Number) as number[];
    expect(at).toBeGreaterThan(1);
    session.send('n');
    screen = await session.waitFor(`Match ${at! + 1}/${total} for “docker”`);
    session.send('N', 'N');
    screen = await session.waitFor(`Match ${at! - 1}/${total} for “docker”`);

    // Resize: the text re-wraps to the new width and everything still fits.
    // The header names the section on top: "<title>  <section> · N%".
    const section = /^.*? {2}(.*) · \d+%/.exec(lines(screen)[0] ?? '')?.[1] ?? '';
    expect(section.length).toBeGreaterThan(3);
    session.resize(60, 20);
    screen = await until(session, (s) => lines(s).every((l) => l.length <= 60) && /\d+%/.test(s));
    await new Promise((r) => setTimeout(r, 300));
    screen = session.screen();
    expect(lines(screen).length).toBeLessThan(20);
    expect(lines(screen).every((l) => l.length <= 60)).toBe(true);
    // Still in the same section after the re-wrap (its name may be cut short to fit).
    expect(lines(screen)[0]).toContain(section.slice(0, 6));
    expect(screen).toContain('q back');

    // Remember exactly what is on top, then leave: reader -> list -> home -> quit.
    const top = lines(screen).slice(1, 4);
    const percent = percentOf(screen);
    session.send('q');
    await session.waitFor(/❯ ◐ Container lifecycle/);
    session.send('q');
    await session.waitFor('❯ Lessons');
    session.send('q');
    expect(await session.exitCode()).toBe(0);
    session.close();

    const progress = JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8')) as {
      lessons: Record<string, { position: number }>;
    };
    expect(progress.lessons['restart-policies']?.position).toBeGreaterThan(0);

    // A new process, same home and size: the lesson opens where it was left.
    session = new TmuxSession({ env: { DOCKDRILL_HOME: home }, columns: 60, rows: 20 });
    screen = await openLessonFromHome(session);
    expect(percentOf(screen)).toBe(percent);
    expect(lines(screen).slice(1, 4)).toEqual(top);
    session.send('q', 'q', 'q');
    expect(await session.exitCode()).toBe(0);
  });
});
