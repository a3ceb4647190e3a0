/**
 * The app in real terminals of several sizes (tmux, the built CLI): 80x24, 60x20, 200x60,
 * with NO_COLOR and with TERM=dumb, and resized in the middle of a screen. On every screen
 * visited: no line runs past the width, the live area never grows past the height (nothing
 * scrolled into tmux's history), and the screen's title is still on the top row.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { stringWidth } from '../../src/ui/markdown/width.js';
import { makeTempDir } from '../helpers/home.js';
import { describeTmux, TmuxSession } from '../helpers/tmux.js';

function capture(session: TmuxSession, history: boolean, escapes = false): string {
  const args = ['-S', session.socket, 'capture-pane', '-p', '-t', session.name];
  if (history) args.push('-S', '-');
  if (escapes) args.push('-e');
  return spawnSync('tmux', args, { encoding: 'utf8' }).stdout;
}

function trimEnd(lines: string[]): string[] {
  const out = [...lines];
  while (out.length && out[out.length - 1]!.trim() === '') out.pop();
  return out;
}

/** The three rules, on the pane as it is now. */
function expectFits(
  session: TmuxSession,
  columns: number,
  rows: number,
  top: RegExp,
  where: string,
): void {
  const screen = capture(session, false);
  const visible = screen.split('\n');
  for (const line of visible)
    expect(
      stringWidth(line),
      `${where}: a line wider than ${columns}:\n${screen}`,
    ).toBeLessThanOrEqual(columns);
  const all = trimEnd(capture(session, true).split('\n'));
  expect(
    all.length,
    `${where}: more than ${rows} rows were drawn (scrolled):\n${all.join('\n')}`,
  ).toBeLessThanOrEqual(rows);
  expect(visible[0] ?? '', `${where}: the title left the top row:\n${screen}`).toMatch(top);
}

const HOME_ITEMS = ['Lessons', 'Quizzes', 'Review', 'Labs', 'Exam', 'Progress', 'Doctor', 'Quit'];

describeTmux('terminal sizes, NO_COLOR, TERM=dumb, resizing', () => {
  let session: TmuxSession | undefined;
  let home: string | undefined;
  afterEach(() => {
    session?.close();
    session = undefined;
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const combos: { columns: number; rows: number; env: Record<string, string> }[] = [
    { columns: 80, rows: 24, env: {} },
    { columns: 60, rows: 20, env: {} },
    { columns: 200, rows: 60, env: {} },
    { columns: 80, rows: 24, env: { NO_COLOR: '1' } },
    { columns: 80, rows: 24, env: { TERM: 'dumb' } },
  ];

  for (const { columns, rows, env } of combos) {
    const label = `${columns}x${rows}${Object.entries(env)
      .map(([k, v]) => ` ${k}=${v}`)
      .join('')}`;
    it(`${label}: every screen fits and keeps its title on top`, { timeout: 90_000 }, async () => {
      home = makeTempDir('dockdrill-term-');
      session = new TmuxSession({
        columns,
        rows,
        // A docker that is not there: the screens are the point here, not the engine.
        env: { DOCKDRILL_HOME: home, DOCKDRILL_DOCKER: '/nonexistent/docker', ...env },
      });
      const s = session;
      let at = 0;
      const openFromHome = async (item: string, ready: string | RegExp, top: RegExp) => {
        const target = HOME_ITEMS.indexOf(item);
        for (; at < target; at++) s.send('j');
        for (; at > target; at--) s.send('k');
        await s.waitFor(new RegExp(`❯ ${item}`));
        s.send('Enter');
        await s.waitFor(ready, 15_000);
        expectFits(s, columns, rows, top, `${label} ${item}`);
      };
      const backHome = async () => {
        s.send('Escape');
        await s.waitFor('q/esc quit');
        expectFits(s, columns, rows, /^dockdrill/, `${label} home`);
      };

      await s.waitFor('Docker: CLI not installed', 15_000);
      expectFits(s, columns, rows, /^dockdrill/, `${label} home`);

      await openFromHome('Lessons', 'enter read', /^Lessons/);
      s.send('j', 'j', 'Enter');
      const reader = await s.waitFor(/\d+%/, 15_000);
      const title = (reader.split('\n')[0] ?? '')
        .replace(/\s+\d+%.*$/, '')
        .trim()
        .slice(0, 10);
      expect(title.length).toBeGreaterThan(3);
      const readerTop = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
      expectFits(s, columns, rows, readerTop, `${label} reader`);
      s.send('PageDown', 'j', 'j', 'j', 'PageDown');
      await new Promise((r) => setTimeout(r, 300));
      expectFits(s, columns, rows, readerTop, `${label} reader scrolled`);
      s.send('t'); // contents
      await new Promise((r) => setTimeout(r, 300));
      expectFits(s, columns, rows, /\S/, `${label} contents`);
      s.send('Escape');
      await new Promise((r) => setTimeout(r, 200));
      s.send('Escape');
      await s.waitFor('enter read');
      await backHome();

      await openFromHome('Doctor', /Labs cannot run|Labs can run/, /^Doctor/);
      await backHome();
      await openFromHome('Progress', /^Progress/m, /^Progress/);
      await backHome();
      await openFromHome('Quizzes', 'What do you want to practise?', /\S/);
      s.send('Enter'); // all questions: the first question
      await new Promise((r) => setTimeout(r, 600));
      expectFits(s, columns, rows, /\S/, `${label} question`);
      s.send('Escape');
      await new Promise((r) => setTimeout(r, 300));
      s.send('Escape');
      await new Promise((r) => setTimeout(r, 300));
      if (!capture(s, false).includes('q/esc quit')) s.send('Escape');
      await backHome();

      if ('NO_COLOR' in env || env.TERM === 'dumb') {
        // No colour codes at all (bold and dim may stay): 30-37, 90-97, 38;5 / 38;2.
        const styled = capture(s, false, true);
        const colour = new RegExp(
          `${String.fromCharCode(27)}\\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|38;[25])[;m]`,
        );
        expect(styled).not.toMatch(colour);
      }
      s.send('q');
      expect(await s.exitCode()).toBe(0);
    });
  }

  it(
    'resized in the middle of a lesson and of the menu: still fits, title on top',
    { timeout: 60_000 },
    async () => {
      home = makeTempDir('dockdrill-term-');
      session = new TmuxSession({
        env: { DOCKDRILL_HOME: home, DOCKDRILL_DOCKER: '/nonexistent/docker' },
      });
      const s = session;
      await s.waitFor('Docker: CLI not installed', 15_000);
      s.send('Enter');
      await s.waitFor('enter read');
      s.send('Enter');
      const reader = await s.waitFor(/\d+%/, 15_000);
      const title = (reader.split('\n')[0] ?? '').slice(0, 8);
      for (const [columns, rows] of [
        [60, 20],
        [200, 60],
        [70, 22],
        [80, 24],
      ] as const) {
        s.resize(columns, rows);
        await new Promise((r) => setTimeout(r, 500));
        s.send('j'); // and keep reading
        await new Promise((r) => setTimeout(r, 300));
        const screen = capture(s, false);
        for (const line of screen.split('\n'))
          expect(stringWidth(line), `${columns}x${rows}:\n${screen}`).toBeLessThanOrEqual(columns);
        expect(screen.split('\n')[0], `${columns}x${rows}:\n${screen}`).toContain(title);
      }
      s.send('Escape');
      await s.waitFor('enter read');
      s.send('Escape');
      await s.waitFor('q/esc quit');
      s.resize(60, 20);
      await new Promise((r) => setTimeout(r, 500));
      expect(capture(s, false).split('\n')[0]).toMatch(/^dockdrill/);
      s.send('q');
      expect(await s.exitCode()).toBe(0);
    },
  );
});
