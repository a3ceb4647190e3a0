/**
 * Hostile course packs as lint and the workspace see them, without an engine: every
 * forbidden step is reported at its line, symlinks are refused, and nothing is written
 * outside the workspace. The same packs run against the real engine in
 * test/docker/hostile-packs.docker.test.ts.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintCourse } from '../../src/course/lint-course.js';
import { packRoot } from '../../src/content/paths.js';
import { Docker } from '../../src/docker/index.js';
import { applySolution, prepareWorkspace } from '../../src/labs/engine.js';
import { workspaceFile } from '../../src/labs/checks/run-checks.js';
import { makeTempDir } from '../helpers/home.js';
import { copyPack } from '../helpers/hostile-packs.js';

/** "lab.md:LINE message" for each error lint reports in the pack. */
function lintErrors(pack: string): string[] {
  return lintCourse(packRoot(pack))
    .problems.filter((p) => p.severity === 'error')
    .map((p) => `${p.file.split('/').pop()}:${p.line} ${p.message}`);
}

describe('hostile packs under lint', () => {
  it('the host-flags pack: each forbidden setup step, run check flag and solution line is an error at its line', () => {
    const errors = lintErrors(copyPack('host-flags'));
    const at = (line: number, pattern: RegExp) =>
      expect(
        errors.some((e) => e.startsWith(`lab.md:${line} `) && pattern.test(e)),
        `${line} ${pattern}\n${errors.join('\n')}`,
      ).toBe(true);
    at(9, /"--privileged" is not allowed/);
    at(10, /"docker system prune" is not a command/);
    at(12, /cannot set the dockdrill.lab label/);
    at(23, /bind source "\/tmp" is an absolute host path/);
    at(33, /volume prune must be scoped to the lab/);
    at(34, /"--network host" is not allowed/);
    // lessons/02-remove/lab.md: removals of what the lab neither declares nor makes.
    at(9, /would remove image "busybox:1.36", which the lab neither declares/);
    at(28, /docker rm would remove container "api"/);
    at(29, /docker volume rm would remove volume "learner-data"/);
  });

  it('symlink-files: lint reports the symlink, and the workspace is not made from it', () => {
    const pack = copyPack('symlink-files');
    const files = join(pack, 'lessons/01-links/files');
    symlinkSync('/etc', join(files, 'escape'));
    expect(lintErrors(pack)).toContainEqual(
      expect.stringMatching(/lessons\/01-links\/files\/escape is a symlink/),
    );
    expect(() =>
      prepareWorkspace({ id: 'links', dir: join(pack, 'lessons/01-links') }, makeTempDir()),
    ).toThrow(/files\/escape is a symlink: a lab's files\/ may hold only files and folders/);
  });

  it('a symlink a container left in the workspace is not written through', async () => {
    const outside = makeTempDir('dockdrill-outside-');
    const workspace = join(makeTempDir(), 'workspace');
    mkdirSync(workspace);
    symlinkSync(outside, join(workspace, 'escape'));
    symlinkSync(join(outside, 'missing'), join(workspace, 'dangling'));
    const task = {
      solution: { commands: [], files: [{ path: 'escape/pwned', content: 'x', line: 1 }] },
    };
    await expect(
      applySolution(
        new Docker(),
        { id: 'links', resources: { containers: [], images: [], volumes: [], networks: [] } },
        task,
        {
          dataDir: makeTempDir(),
          workspace,
        },
      ),
    ).rejects.toThrow(/"escape\/pwned" leads outside the workspace through a symlink/);
    expect(existsSync(join(outside, 'pwned'))).toBe(false);
    expect(() => workspaceFile(workspace, 'dangling')).toThrow(/broken symlink/);
    expect(() => workspaceFile(workspace, '../x')).toThrow(/leaves the workspace/);
    // Inside is fine, existing or not.
    mkdirSync(join(workspace, 'sub'));
    expect(workspaceFile(workspace, 'sub/new.txt')).toBe(join(workspace, 'sub/new.txt'));
    expect(
      readFileSync(join(import.meta.dirname, '../fixtures/hostile-packs/README.md'), 'utf8'),
    ).toContain('symlink-files');
  });
});
