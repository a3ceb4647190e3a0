/**
 * Course packs next to the bundled course: ids namespaced as `<pack>/<id>` by every loader,
 * refs inside the pack resolving to the pack's own lessons first, the bundled course left
 * exactly as it is, lint of a pack alone, lab paths without nested folders, and the
 * approval record a pack lab needs before it runs.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { courseMap } from '../../src/content/course-map.js';
import { lintCourse } from '../../src/course/lint-course.js';
import { packName, packOf, pathSegment, qualify, resolveIn } from '../../src/content/namespace.js';
import { courseOutline } from '../../src/course/outline.js';
import { bundledRoot, packRoot } from '../../src/content/paths.js';
import { approveLab, labRunPreview, needsApproval } from '../../src/labs/approval.js';
import { allLabs, loadLab } from '../../src/labs/catalog.js';
import { labPaths } from '../../src/labs/workspace.js';
import { progressSchema } from '../../src/progress/schema.js';
import { ProgressStore } from '../../src/progress/store.js';
import { clearQuestionCache, loadQuestions, resolveFilter } from '../../src/quiz/load-questions.js';
import { makeTempDir } from '../helpers/home.js';

const FIXTURE = resolve(import.meta.dirname, '..', 'fixtures', 'pack-collide');
const BUNDLED = bundledRoot();
const PACK = packRoot(FIXTURE);
const ROOTS = [BUNDLED, PACK];
const SRC_CLI = resolve(import.meta.dirname, '..', '..', 'src', 'cli.tsx');

/** The CLI from source (not dist/), so the test does not depend on a fresh build. */
function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', SRC_CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('namespace helpers', () => {
  it('names a pack after its folder and qualifies only pack ids', () => {
    expect(packName('/home/t/docker-101')).toBe('docker-101');
    expect(packName('/home/t/Docker 101 (2025)/')).toBe('docker-101-2025');
    expect(packName('/tmp/___')).toBe('pack');
    expect(PACK.pack).toBe('pack-collide');
    expect(qualify(BUNDLED, 'intro')).toBe('intro');
    expect(qualify(PACK, 'intro')).toBe('pack-collide/intro');
    expect(packOf('pack-collide/intro')).toBe('pack-collide');
    expect(packOf('intro')).toBe('');
  });

  it('resolves a pack ref to the pack first, else leaves it for the bundled course', () => {
    const has = (id: string) => id === 'p/own';
    expect(resolveIn({ pack: 'p' }, 'own#slug', has)).toBe('p/own#slug');
    expect(resolveIn({ pack: 'p' }, 'lesson:own', has)).toBe('lesson:p/own');
    expect(resolveIn({ pack: 'p' }, 'bundled#slug', has)).toBe('bundled#slug');
    expect(resolveIn({ pack: 'p' }, 'other/own#x', has)).toBe('other/own#x');
    expect(resolveIn({ pack: '' }, 'own#slug', () => true)).toBe('own#slug');
  });

  it('turns a qualified id into one folder name', () => {
    expect(pathSegment('docker-101/my-lab')).toBe('docker-101__my-lab');
    const paths = labPaths('/data', 'docker-101/my-lab');
    expect(dirname(paths.dir)).toBe('/data/labs');
    expect(basename(paths.dir)).toBe('docker-101__my-lab');
    expect(labPaths('/data', 'plain-lab').dir).toBe('/data/labs/plain-lab');
  });
});

describe('a pack whose ids collide with the bundled course', () => {
  it('lists both lessons, qualified, nothing broken, each with its own lab and quiz', () => {
    const map = courseMap(ROOTS);
    expect(map.index.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const byId = new Map(map.lessons.map((lesson) => [lesson.meta.id, lesson]));
    const bundled = byId.get('restart-policies');
    const pack = byId.get('pack-collide/restart-policies');
    expect(bundled?.meta.file.startsWith(BUNDLED.dir + '/lessons/')).toBe(true);
    expect(bundled?.meta.broken).toBeUndefined();
    expect(bundled?.labId).toBe('restart-policies-lab');
    expect(pack?.meta.file.startsWith(FIXTURE)).toBe(true);
    expect(pack?.meta.broken).toBeUndefined();
    expect(pack).toMatchObject({ hasQuiz: true, labId: 'pack-collide/restart-policies-lab' });
    expect(map.lessons.some((lesson) => lesson.meta.broken)).toBe(false);
  });

  it('qualifies question ids, lessons and refs; a ref to a bundled lesson stays bundled', () => {
    clearQuestionCache();
    const catalog = loadQuestions(ROOTS);
    const bundled = catalog.byId.get('rp-default-policy');
    const pack = catalog.byId.get('pack-collide/rp-default-policy');
    expect(bundled?.file.startsWith(BUNDLED.dir)).toBe(true);
    expect(bundled?.ref).toBe('restart-policies#no-the-default');
    expect(pack?.file.startsWith(FIXTURE)).toBe(true);
    expect(pack).toMatchObject({
      lesson: 'pack-collide/restart-policies',
      ref: 'pack-collide/restart-policies#always',
    });
    expect(catalog.byId.get('pack-collide/pack-names-official')?.ref).toBe(
      'image-namespaces#three-kinds-of-namespace',
    );
    // `quiz pack-collide/restart-policies` selects only the pack's questions.
    const filter = resolveFilter(catalog, 'pack-collide/restart-policies');
    expect(filter?.questions.map((q) => q.id).sort()).toEqual([
      'pack-collide/pack-names-official',
      'pack-collide/rp-default-policy',
    ]);
    expect(catalog.banks.map((bank) => bank.name)).toContain('pack-collide/01-restart');
  });

  it('lists both labs and loads the pack one by its qualified id, refs qualified', () => {
    const ids = allLabs(ROOTS).map((lab) => lab.id);
    expect(ids).toContain('restart-policies-lab');
    expect(ids).toContain('pack-collide/restart-policies-lab');
    const loaded = loadLab(ROOTS, 'pack-collide/restart-policies-lab');
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.lab.file.startsWith(FIXTURE)).toBe(true);
    expect(loaded.lab.lesson).toBe('pack-collide/restart-policies');
    expect(loaded.lab.tasks[0]?.checks[0]?.ref).toBe('pack-collide/restart-policies#always');
    const bundled = loadLab(ROOTS, 'restart-policies-lab');
    expect(bundled.ok && bundled.lab.file.startsWith(BUNDLED.dir)).toBe(true);
  });

  it('gives the progress outline both sets of ids, the bundled ones as written', () => {
    const outline = courseOutline(ROOTS);
    const lessons = outline.lessons.map((l) => l.id);
    expect(lessons).toContain('restart-policies');
    expect(lessons).toContain('pack-collide/restart-policies');
    expect(outline.questions.map((q) => q.id)).toContain('pack-collide/rp-default-policy');
    expect(outline.labs.find((lab) => lab.id === 'pack-collide/restart-policies-lab')).toEqual({
      id: 'pack-collide/restart-policies-lab',
      tasks: ['run-always'],
      lesson: 'pack-collide/restart-policies',
    });
    // Bundled ids are exactly what they were before packs were namespaced.
    expect(
      outline.lessons
        .filter((l) => l.id.includes('/'))
        .map((l) => l.id)
        .sort(),
    ).toEqual(['pack-collide/pack-extra', 'pack-collide/restart-policies']);
  });
});

describe('lint of a pack', () => {
  it('is clean with the bundled course to resolve its bundled refs', () => {
    const report = lintCourse(PACK, [BUNDLED]);
    expect(report.problems).toEqual([]);
    expect(report.counted).toEqual({ lessons: 2, questions: 2, labs: 1 });
  });

  it('resolves nothing against the bundled course when it is not given', () => {
    const codes = lintCourse(PACK).problems.map((p) => `${basename(p.file)}:${p.code}`);
    // Only the two refs to image-namespaces fail; the pack's own refs still resolve.
    expect(codes.sort()).toEqual(['01-restart.quiz.md:unknown-ref', 'lesson.md:broken-link']);
  });

  it('`dockdrill lint DIR` lints the pack alone, clean, exit 0', () => {
    const result = cli(['lint', FIXTURE]);
    expect(result.stdout).toMatch(
      /pack-collide: 2 lessons, 2 questions, 1 labs — 0 errors, 0 warnings/,
    );
    // One summary line: the pack alone, not the bundled course beside it.
    expect(result.stdout.match(/ lessons, /g)).toHaveLength(1);
    expect(result.status).toBe(0);
  });
});

describe('the CLI with a pack', () => {
  it('prints a pack lesson by its qualified id, with its links resolved in the pack', () => {
    const result = cli([
      'lesson',
      'pack-collide/restart-policies',
      '--print',
      '--content',
      FIXTURE,
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Restart policies, the pack's own take");
    const flat = result.stdout.replace(/\s+/g, ' ');
    expect(flat).toContain('(see “A lesson only the pack has” › Why a pack)');
    expect(flat).toContain(
      '(see “Image names — namespaces, tags and digests” › Three kinds of namespace)',
    );
    // The bundled lesson of the same id is still the bundled one.
    const bundled = cli(['lesson', 'restart-policies', '--print', '--content', FIXTURE]);
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).not.toContain("the pack's own take");
  });
});

describe('approving a pack lab', () => {
  const temp = mkdtempSync(join(tmpdir(), 'dockdrill-approve-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('accepts progress files with and without approvals at schema version 1', () => {
    const base = { version: 1, lessons: {}, questions: {}, labs: {}, exams: [], days: {} };
    expect(progressSchema.parse(base).approvedLabs).toBeUndefined();
    const approved = { 'p/lab': { hash: 'abc', approvedAt: '2025-01-01T00:00:00.000Z' } };
    expect(progressSchema.parse({ ...base, approvedLabs: approved }).approvedLabs).toEqual(
      approved,
    );
    expect(() => progressSchema.parse({ ...base, approvedLabs: { x: { hash: '' } } })).toThrow();
  });

  it('asks for a pack lab until approved, never for a bundled one, again when anything in its folder changes', () => {
    const copy = join(temp, 'my-pack');
    cpSync(FIXTURE, copy, { recursive: true });
    const roots = [BUNDLED, packRoot(copy)];
    const loaded = loadLab(roots, 'my-pack/restart-policies-lab');
    const bundled = loadLab(roots, 'restart-policies-lab');
    expect(loaded.ok && bundled.ok).toBe(true);
    if (!loaded.ok || !bundled.ok) return;
    const store = new ProgressStore(makeTempDir('dockdrill-approve-home-'));
    expect(needsApproval(bundled.lab, store.read())).toBe(false);
    expect(needsApproval(loaded.lab, store.read())).toBe(true);
    approveLab(store, loaded.lab);
    expect(needsApproval(loaded.lab, store.read())).toBe(false);
    expect(Object.keys(store.read().approvedLabs ?? {})).toEqual(['my-pack/restart-policies-lab']);
    writeFileSync(loaded.lab.file, readFileSync(loaded.lab.file, 'utf8') + '\nOne more line.\n');
    expect(needsApproval(loaded.lab, store.read())).toBe(true);
    // Not only lab.md: a file the workspace gets, or a new one, changes the hash too.
    approveLab(store, loaded.lab);
    expect(needsApproval(loaded.lab, store.read())).toBe(false);
    mkdirSync(join(loaded.lab.dir, 'files'), { recursive: true });
    writeFileSync(join(loaded.lab.dir, 'files', 'config.json'), '{}\n');
    expect(needsApproval(loaded.lab, store.read())).toBe(true);
    approveLab(store, loaded.lab);
    writeFileSync(join(loaded.lab.dir, 'files', 'config.json'), '{"credsStore":"x"}\n');
    expect(needsApproval(loaded.lab, store.read())).toBe(true);
  });

  it('previews everything it runs, writes and cleans up, as complete docker lines', () => {
    const loaded = loadLab(ROOTS, 'pack-collide/restart-policies-lab');
    if (!loaded.ok) throw new Error('fixture lab did not load');
    const lab = {
      ...loaded.lab,
      setup: [
        ['run', '-d', '--name', 'x', 'busybox:1.36', 'sleep', '9'],
        ['run', '--rm', 'busybox:1.36', 'sh', '-c', "echo 'hi there' \u001b]0;title\u0007"],
      ],
    };
    expect(labRunPreview(lab)).toEqual([
      'Images it needs (pulled if missing): busybox:1.36',
      'Files copied into the workspace: none',
      'Setup runs now:',
      '  docker run --label dockdrill.lab=pack-collide/restart-policies-lab -d --name x busybox:1.36 sleep 9',
      `  docker run --label dockdrill.lab=pack-collide/restart-policies-lab --rm busybox:1.36 sh -c 'echo '\\''hi there'\\'' '`,
      'Checks: 1, read-only except these throwaway containers:',
      'Solutions (run only if you apply one with a):',
      '  run-always: docker run --label dockdrill.lab=pack-collide/restart-policies-lab -d --name pack-collide-web --restart always busybox:1.36 sleep 600',
      'Cleanup removes what is labelled dockdrill.lab=pack-collide/restart-policies-lab and these names:',
      '  containers: pack-collide-web',
    ]);
  });
});
