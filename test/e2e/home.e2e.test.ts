import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { describeDocker } from '../helpers/docker.js';
import { makeTempDir } from '../helpers/home.js';
import { describeTmux, TmuxSession } from '../helpers/tmux.js';
import { runCli } from '../helpers/cli.js';

describeTmux('home screen in a real terminal (tmux, 80x24)', () => {
  let session: TmuxSession | undefined;
  afterEach(() => session?.close());

  describeDocker('with the real engine', () => {
    it('shows the menu and counts, opens Doctor, goes back, quits with q (exit 0)', async () => {
      session = new TmuxSession({ env: { DOCKDRILL_HOME: makeTempDir() } });
      const screen = await session.waitFor('Docker: engine');
      expect(screen).toMatch(/\d+ lessons · \d+ questions · \d+ labs/);
      expect(screen).toContain('❯ Lessons');
      expect(screen).toContain('q/esc quit');
      // Everything fits in 24 rows and 80 columns.
      expect(screen.split('\n').every((line) => line.length <= 80)).toBe(true);

      session.send('j');
      await session.waitFor('❯ Quizzes');
      session.send('Down', 'Down', 'Down', 'Down', 'Down');
      await session.waitFor('❯ Doctor');
      session.send('Enter');
      await session.waitFor('Labs can run on this machine.');
      session.send('Escape');
      await session.waitFor('❯ Doctor');
      session.send('q');
      expect(await session.exitCode()).toBe(0);
    });
  });

  it('a corrupt progress file: the menu draws first, then says where the file was kept', async () => {
    const home = makeTempDir();
    writeFileSync(join(home, 'progress.json'), '{"version": 1, "lessons": ');
    session = new TmuxSession({ env: { DOCKDRILL_HOME: home } });
    const screen = await session.waitFor('progress.corrupt-');
    expect(screen).toContain('❯ Lessons');
    expect(readdirSync(home).some((f) => f.startsWith('progress.corrupt-'))).toBe(true);
    session.send('q');
    expect(await session.exitCode()).toBe(0);
  });

  it('a progress file from a newer dockdrill: a deep link says so and exits 1', async () => {
    const home = makeTempDir();
    writeFileSync(join(home, 'progress.json'), JSON.stringify({ version: 99 }));
    session = new TmuxSession({
      args: ['lesson', 'restart-policies'],
      env: { DOCKDRILL_HOME: home },
    });
    expect(await session.exitCode()).toBe(1);
    // One long line, wrapped by the terminal.
    const said = session.screen().replace(/\n/g, '');
    expect(said).toContain('your progress could not be opened');
    expect(said).toContain('schema version 99, newer than this dockdrill');
  });

  it('stays readable when the terminal is resized', async () => {
    session = new TmuxSession({ env: { DOCKDRILL_HOME: makeTempDir() } });
    await session.waitFor('❯ Lessons');
    session.resize(60, 20);
    session.send('j');
    const narrow = await session.waitFor('❯ Quizzes');
    expect(narrow.split('\n').every((line) => line.length <= 60)).toBe(true);
    expect(narrow).toContain('q/esc quit');
    session.resize(100, 30);
    session.send('k');
    await session.waitFor('❯ Lessons');
    session.send('q');
    expect(await session.exitCode()).toBe(0);
  });
});

it('started with stdin not a TTY, prints the plain message and exits 2', () => {
  const result = runCli([], process.env, '');
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/needs a terminal/);
});
