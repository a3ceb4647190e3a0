/**
 * A whole lab in a real terminal (tmux, 80x24, the built CLI, the real engine): open it,
 * fail a check, take a hint, turn on watch mode, do the tasks with the real docker CLI in a
 * second tmux window and see them turn green, visit the workspace with `!`, then leave,
 * clean up, and find nothing of the lab left.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { describeDocker, docker } from '../helpers/docker.js';
import { makeTempDir } from '../helpers/home.js';
import { makeFixtureLab, removeFixtureObjects, type FixtureLab } from '../helpers/lab-fixture.js';
import { describeTmux, TmuxSession } from '../helpers/tmux.js';

function labelled(labId: string): string {
  return [
    docker(['ps', '-a', '-q', '--filter', `label=dockdrill.lab=${labId}`]),
    docker(['images', '-q', '--filter', `label=dockdrill.lab=${labId}`]),
  ]
    .join('')
    .trim();
}

describeTmux('a whole lab in a real terminal (tmux, 80x24)', () => {
  describeDocker('with the real engine', () => {
    let session: TmuxSession | undefined;
    let fx: FixtureLab | undefined;
    let home: string | undefined;
    afterEach(() => {
      session?.close();
      if (fx) {
        removeFixtureObjects(fx);
        rmSync(fx.dir, { recursive: true, force: true });
      }
      if (home) rmSync(home, { recursive: true, force: true });
    });

    it(
      'fail, hint, watch turns tasks green, shell, clean up, quit',
      { timeout: 120_000 },
      async () => {
        fx = makeFixtureLab();
        home = makeTempDir('dockdrill-lab-e2e-');
        const workspace = join(home, 'labs', fx.qualifiedFolder, 'workspace');
        session = new TmuxSession({
          args: ['lab', fx.qualifiedId, '--content', fx.dir],
          env: { DOCKDRILL_HOME: home, SHELL: '/bin/sh', PS1: 'learner$ ' },
        });
        // A pack's lab shows what it will run and asks first.
        let screen = await session.waitFor('Run this lab?', 30_000);
        // The list wraps between words: read it as flowing text.
        expect(screen.replace(/\s*\n\s*/g, ' ')).toContain(
          `--label dockdrill.lab=${fx.qualifiedId} -d --name ${fx.target} busybox:1.36 sleep 600`,
        );
        expect(screen.split('\n').every((line) => line.length <= 80)).toBe(true);
        session.send('y');
        screen = await session.waitFor('Task 1/2: run-always', 30_000);
        // A pack lab's folder name is long: at 80 columns the path may wrap.
        expect(screen.replace(/\n/g, '')).toContain(workspace);
        expect(screen).toContain('q/esc back');
        expect(screen.split('\n').every((line) => line.length <= 80)).toBe(true);
        // The whole frame fits in 24 rows: its title is still on the first row.
        expect(screen.split('\n')[0]).toMatch(/^Lab: UI fixture lab/);

        session.send('c');
        screen = await session.waitFor('1 of 1 check not met yet', 15_000);
        expect(screen).toContain('✗ exists: found absent');
        expect(screen).toContain('want container present');
        session.send('h');
        screen = await session.waitFor('Hint 1/2:');
        expect(screen).not.toContain('Hint 2/2');

        session.send('w');
        await session.waitFor('· watching');
        // The learner works in another terminal with the real docker CLI.
        const learner = session.openWindow({ cwd: workspace, env: { PS1: 'learner$ ' } });
        session.typeLineIn(
          learner,
          `docker run -d --name ${fx.web} --restart always busybox:1.36 sleep 600`,
        );
        screen = await session.waitFor('Task run-always done ✓', 20_000);
        expect(screen).toMatch(/1\/2 done · watching/);

        session.send('n');
        await session.waitFor('Task 2/2: build-app');
        session.typeLineIn(learner, `DOCKER_BUILDKIT=0 docker build -q -t ${fx.image} .`);
        screen = await session.waitFor('Task build-app done ✓', 30_000);
        expect(screen).toContain('2/2 done');
        expect(screen.split('\n')[0]).toMatch(/^Lab: UI fixture lab/);
        expect(screen).toMatch(/✓ run-always\s+✓ build-app/);

        // `!`: Ink steps aside for a shell in the workspace; `exit` comes back and re-checks.
        session.send('!');
        await session.waitFor('Type `exit` to return to the lab.');
        session.type('pwd; ls');
        session.send('Enter');
        screen = await session.waitFor('Dockerfile');
        expect(screen.replace(/\n/g, '')).toContain(workspace);
        session.type('exit');
        session.send('Enter');
        screen = await session.waitFor('Task build-app done ✓', 20_000);
        expect(screen).toContain('Task 2/2: build-app');

        session.send('q');
        screen = await session.waitFor('Clean up what it made?', 15_000);
        expect(screen).toContain(`container ${fx.web}`);
        expect(screen).toContain(`container ${fx.target}`);
        expect(screen).toContain(`image ${fx.image}`);
        session.send('y');
        expect(await session.exitCode(30_000)).toBe(0);
        expect(labelled(fx.qualifiedId)).toBe('');
        expect(docker(['ps', '-a', '-q', '--filter', `name=^${fx.web}$`])).toBe('');
        expect(existsSync(join(home, 'labs', fx.qualifiedFolder, 'journal.json'))).toBe(false);
      },
    );
  });
});
