/**
 * A short monkey test in a real terminal (tmux, the built CLI, 80x24): seeded random keys
 * through the whole app, then Esc and q until it quits; the process must exit 0 and never
 * show a stack trace. Docker is a fake whose daemon is down, so a random Enter on a bundled
 * lab can never touch the shared engine (and '!', a real shell, is not among the keys).
 */
import { rmSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { fakeDockerEnv } from '../helpers/fake-docker.js';
import { makeTempDir } from '../helpers/home.js';
import { describeTmux, TmuxSession } from '../helpers/tmux.js';
import { pick, seededRandom } from './fault-helpers.js';

const SEED = Number(process.env.DOCKDRILL_MONKEY_SEED ?? 4242);
// tmux key names; no q/Escape during the random part (q on the home screen quits at once).
const KEYS = [
  'Enter',
  'Enter',
  'Space',
  'Tab',
  'BSpace',
  'Up',
  'Down',
  'Down',
  'Left',
  'Right',
  'PageDown',
  'PageUp',
  'j',
  'k',
  'h',
  'l',
  'n',
  'p',
  'y',
  'c',
  's',
  'a',
  'r',
  'w',
  't',
  'b',
  'g',
  'G',
  '/',
  'f',
  'i',
  'x',
  '1',
  '2',
  '3',
  'z',
  'L',
];

describeTmux('monkey in a real terminal', () => {
  let session: TmuxSession | undefined;
  let home: string | undefined;
  afterEach(() => {
    session?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  for (const round of [0, 1]) {
    it(`round ${round}: 120 random keys, then Esc/q: exits 0`, { timeout: 90_000 }, async () => {
      home = makeTempDir('dockdrill-monkey-tmux-');
      const fake = fakeDockerEnv('daemon-down');
      session = new TmuxSession({
        env: { DOCKDRILL_HOME: home, DOCKDRILL_DOCKER: `${fake.PATH!.split(':')[0]}/docker` },
      });
      await session.waitFor('q/esc quit', 15_000);
      const random = seededRandom(SEED + 100 + round);
      const sent: string[] = [];
      for (let i = 0; i < 120; i++) sent.push(pick(random, KEYS));
      session.send(...sent);
      await new Promise((r) => setTimeout(r, 500));
      const during = session.screen();
      expect(during, `keys ${JSON.stringify(sent)}`).not.toMatch(
        /unexpected error|\n\s+at .*\(.*:\d+:\d+\)/,
      );
      let code: number | undefined;
      const exits: string[] = [];
      for (let i = 0; i < 30 && code === undefined; i++) {
        const key = i % 3 === 2 ? 'q' : 'Escape';
        exits.push(key);
        session.send(key);
        code = await session.exitCode(400).catch(() => undefined);
      }
      expect(
        code,
        `keys ${JSON.stringify(sent)} then ${JSON.stringify(exits)}:\n${session.screen()}`,
      ).toBe(0);
    });
  }
});
