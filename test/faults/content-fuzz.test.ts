/**
 * Content fuzz: thousands of random and mutated lessons, quiz banks and labs (the real
 * bundled files with lines deleted, duplicated, swapped, truncated, YAML garbage, odd
 * unicode and huge lines put in) go to the parsers, the lesson loader, the markdown
 * renderer and `lintCourse`. Never an exception (a ContentError is the loaders' documented
 * way to refuse, and must itself carry file:line problems); every problem names its file and
 * a whole line number from 1 to the file's last line. Seeded: a failure prints its seed and
 * the input that caused it, and the same seed reproduces it.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintCourse } from '../../src/course/lint-course.js';
import { listLessons, loadLesson } from '../../src/content/lessons.js';
import { bundledRoot } from '../../src/content/paths.js';
import { ContentError, type ContentProblem } from '../../src/content/problems.js';
import { parseLab } from '../../src/labs/parse-lab.js';
import { parseBank } from '../../src/quiz/parse-bank.js';
import { renderMarkdown } from '../../src/ui/markdown/render-lines.js';
import { graphemes, stringWidth } from '../../src/ui/markdown/width.js';
import { makeTempDir } from '../helpers/home.js';
import { pick, seededRandom } from './fault-helpers.js';

const SEED = Number(process.env.DOCKDRILL_FUZZ_SEED ?? 20261123);
const root = bundledRoot().dir;

function realFiles(kind: 'lesson' | 'lab' | 'bank'): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  if (kind === 'bank') {
    for (const name of readdirSync(join(root, 'quizzes')).filter((n) => n.endsWith('.quiz.md')))
      out.push({ file: name, text: readFileSync(join(root, 'quizzes', name), 'utf8') });
    return out;
  }
  for (const dir of readdirSync(join(root, 'lessons'))) {
    try {
      const name = kind === 'lesson' ? 'lesson.md' : 'lab.md';
      out.push({
        file: `${dir}/${name}`,
        text: readFileSync(join(root, 'lessons', dir, name), 'utf8'),
      });
    } catch {
      // a lesson without a lab
    }
  }
  return out;
}

const GARBAGE = [
  ': :',
  '- [',
  '{',
  '}',
  '[[[',
  'key: [1, 2',
  'a: &x 1\nb: *y',
  '!!binary "%%%"',
  '? complex key',
  '---',
  '...',
  '```',
  '```yaml',
  '```check',
  '```sh',
  '```file Dockerfile',
  '## Task: ',
  '## Task: dup',
  '### ',
  '### q-dup',
  '#### Accept',
  '#### Explanation',
  '#### Hint',
  '#### Solution',
  '#### Verify',
  '- [x]',
  '- [ ] ',
  '  > ',
  'type: order',
  'type: command',
  'kind: registry',
  '- kind: container\n  name:',
  'expect: {State.Running: [}',
  'id: ',
  'id: 9',
  'domain: nonsense',
  'objectives: 7',
  'minutes: -1',
  'images: {}',
  'setup: [[run]]',
  'resources: []',
  '\t\tindented: tabs',
  '%YAML 1.1',
  '<!-- unterminated',
  '[link](lesson:nowhere#missing)',
  '{{.Config.Cmd}}',
];
const UNICODE = [
  'é',
  '𝔡𝔬𝔠𝔨𝔢𝔯',
  '🐳🐳',
  '\u200b',
  '\u202e',
  'e\u0301',
  '\uFEFF',
  '\u0000',
  '\uD800',
  '中文',
  '\r',
  '\u2028',
];

type Mutator = (lines: string[], random: () => number) => string[];

const at = (lines: readonly string[], random: () => number) =>
  Math.floor(random() * (lines.length + 1));

const MUTATORS: Record<string, Mutator> = {
  delete: (lines, r) => lines.filter((_, i) => i !== at(lines, r)),
  duplicate: (lines, r) => {
    const i = Math.min(at(lines, r), lines.length - 1);
    return [...lines.slice(0, i + 1), ...lines.slice(Math.max(0, i))];
  },
  swap: (lines, r) => {
    const out = [...lines];
    const i = Math.min(at(lines, r), out.length - 1);
    const j = Math.min(at(lines, r), out.length - 1);
    if (i >= 0 && j >= 0) [out[i], out[j]] = [out[j]!, out[i]!];
    return out;
  },
  truncate: (lines, r) => {
    const text = lines.join('\n');
    return text.slice(0, Math.floor(r() * text.length)).split('\n');
  },
  garbage: (lines, r) => {
    const i = at(lines, r);
    return [...lines.slice(0, i), ...pick(r, GARBAGE).split('\n'), ...lines.slice(i)];
  },
  unicode: (lines, r) => {
    const out = [...lines];
    const i = Math.min(at(lines, r), out.length - 1);
    if (i < 0) return [pick(r, UNICODE)];
    const line = out[i]!;
    const p = Math.floor(r() * (line.length + 1));
    out[i] = line.slice(0, p) + pick(r, UNICODE) + line.slice(p);
    return out;
  },
  huge: (lines, r) => {
    const i = at(lines, r);
    const unit = pick(r, ['x', '- ', '#', '`', ' ', 'é🐳', '[x] ']);
    return [...lines.slice(0, i), unit.repeat(5_000 + Math.floor(r() * 25_000)), ...lines.slice(i)];
  },
  blankFence: (lines, r) => lines.map((line) => (line.startsWith('---') && r() < 0.5 ? '' : line)),
  crlf: (lines) => lines.join('\r\n').split('\n'),
  indent: (lines, r) => lines.map((line) => (r() < 0.1 ? `  ${line}` : line)),
  shuffleBlock: (lines, r) => {
    const i = at(lines, r);
    const j = Math.min(lines.length, i + 1 + Math.floor(r() * 12));
    return [...lines.slice(0, i), ...lines.slice(i, j).reverse(), ...lines.slice(j)];
  },
};
const MUTATOR_NAMES = Object.keys(MUTATORS);

function mutate(text: string, random: () => number): { text: string; applied: string[] } {
  let lines = text.split('\n');
  const applied: string[] = [];
  const count = 1 + Math.floor(random() * 4);
  for (let k = 0; k < count; k++) {
    const name = pick(random, MUTATOR_NAMES);
    applied.push(name);
    lines = MUTATORS[name]!(lines, random);
  }
  return { text: lines.join('\n'), applied };
}

/** A document made of nothing but random fragments. */
function randomDocument(random: () => number): string {
  const parts: string[] = [];
  if (random() < 0.7)
    parts.push(
      '---',
      ...Array.from({ length: Math.floor(random() * 5) }, () => pick(random, GARBAGE)),
      '---',
    );
  const n = Math.floor(random() * 40);
  for (let i = 0; i < n; i++)
    parts.push(
      random() < 0.2
        ? pick(random, UNICODE).repeat(1 + Math.floor(random() * 5))
        : pick(random, GARBAGE),
    );
  return parts.join('\n');
}

function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

/** The assertion of the whole suite, with what to reproduce it by on failure. */
function checkProblems(
  problems: readonly ContentProblem[],
  texts: Map<string, string>,
  context: string,
): void {
  for (const p of problems) {
    const where = `${context}\nproblem: ${JSON.stringify(p)}`;
    expect(typeof p.file === 'string' && p.file.length > 0, where).toBe(true);
    expect(Number.isInteger(p.line) && p.line >= 1, where).toBe(true);
    const text = texts.get(p.file);
    // A problem in a file points at one of its lines (+1: "at the end of the file").
    if (text !== undefined) expect(p.line, where).toBeLessThanOrEqual(lineCount(text) + 1);
    expect(p.message.length, where).toBeGreaterThan(0);
  }
}

function excerpt(text: string): string {
  return text.length > 1500 ? `${text.slice(0, 1500)}… (${text.length} chars)` : text;
}

const lessons = realFiles('lesson');
const labs = realFiles('lab');
const banks = realFiles('bank');

describe(`content fuzz (seed ${SEED}; DOCKDRILL_FUZZ_SEED to change)`, () => {
  it('the bundled course has files to mutate', () => {
    expect(lessons.length).toBeGreaterThan(3);
    expect(labs.length).toBeGreaterThan(3);
    expect(banks.length).toBeGreaterThan(3);
  });

  it('parseBank: 1,000 mutated and random banks', { timeout: 60_000 }, () => {
    const random = seededRandom(SEED);
    for (let n = 0; n < 1000; n++) {
      const source = pick(random, banks);
      const { text, applied } =
        n % 10 === 9
          ? { text: randomDocument(random), applied: ['random'] }
          : mutate(source.text, random);
      const file = `/fuzz/quizzes/${n}.quiz.md`;
      const context = `bank #${n} from ${source.file} via ${applied.join(',')}:\n${excerpt(text)}`;
      let parsed;
      try {
        parsed = parseBank(text, file);
      } catch (error) {
        throw new Error(`parseBank threw ${String(error)}\n${context}`);
      }
      checkProblems(parsed.problems, new Map([[file, text]]), context);
    }
  });

  it('parseLab: 2,000 mutated and random labs', { timeout: 60_000 }, () => {
    const random = seededRandom(SEED + 1);
    for (let n = 0; n < 2000; n++) {
      const source = pick(random, labs);
      const { text, applied } =
        n % 10 === 9
          ? { text: randomDocument(random), applied: ['random'] }
          : mutate(source.text, random);
      const file = `/fuzz/lessons/${n}/lab.md`;
      const context = `lab #${n} from ${source.file} via ${applied.join(',')}:\n${excerpt(text)}`;
      let parsed;
      try {
        parsed = parseLab(text, file);
      } catch (error) {
        throw new Error(`parseLab threw ${String(error)}\n${context}`);
      }
      checkProblems(parsed.problems, new Map([[file, text]]), context);
    }
  });

  it(
    'renderMarkdown: 300 mutated and random lessons at widths 12, 40 and 80',
    { timeout: 60_000 },
    () => {
      const random = seededRandom(SEED + 3);
      for (let n = 0; n < 300; n++) {
        const source = pick(random, lessons);
        const { text, applied } =
          n % 10 === 9
            ? { text: randomDocument(random), applied: ['random'] }
            : mutate(source.text, random);
        const width = pick(random, [12, 40, 80]);
        let doc;
        try {
          doc = renderMarkdown(text, { width, color: random() < 0.5, hyperlinks: random() < 0.3 });
        } catch (error) {
          throw new Error(
            `renderMarkdown threw ${String(error)}\nlesson #${n} from ${source.file} via ${applied.join(',')}, width ${width}:\n${excerpt(text)}`,
          );
        }
        // No rendered line is wider than asked (a wide character alone may take 2 of 1).
        for (const line of doc.lines) {
          const used = line.segments.reduce((sum, seg) => sum + stringWidth(seg.text), 0);
          expect(used, `lesson #${n} via ${applied.join(',')}, width ${width}`).toBeLessThanOrEqual(
            Math.max(width, 2),
          );
        }
      }
    },
  );

  it('long non-ASCII text is cut into the same grapheme clusters as one segmenter pass', () => {
    const random = seededRandom(SEED + 4);
    const pieces = [
      'é',
      'e\u0301',
      '🐳',
      '👩‍👩‍👧',
      '🇫🇷',
      '🇩🇪',
      '1\u20e3',
      '中',
      'a',
      ' ',
      '\u200b',
      'x\u0308\u0301',
    ];
    for (let n = 0; n < 20; n++) {
      let text = '';
      while (text.length < 3000 + n * 200) text += pick(random, pieces);
      const once = Array.from(new Intl.Segmenter().segment(text), (s) => s.segment);
      expect(graphemes(text)).toEqual(once);
    }
  });

  describe('lessons on disk, the loader, the renderer and lintCourse', () => {
    const dirs: string[] = [];
    afterAll(() => {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });

    it('80 temporary course roots of mutated lessons, banks and labs', { timeout: 90_000 }, () => {
      const random = seededRandom(SEED + 2);
      for (let n = 0; n < 80; n++) {
        const dir = makeTempDir('dockdrill-fuzz-');
        dirs.push(dir);
        const texts = new Map<string, string>();
        const log: string[] = [];
        const write = (path: string, text: string) => {
          const full = join(dir, path);
          mkdirSync(join(full, '..'), { recursive: true });
          writeFileSync(full, text);
          texts.set(full, text);
        };
        // Three lessons (two may share a mutated id), each maybe with a lab, and two banks.
        for (let k = 0; k < 3; k++) {
          const lesson = pick(random, lessons);
          const m = mutate(lesson.text, random);
          const folder = pick(random, [
            `0${k + 1}-fuzz-${k}`,
            `0${k + 1}-fuzz-${k}`,
            `bad folder ${k}`,
            `0${k}-dup`,
          ]);
          write(`lessons/${folder}/lesson.md`, m.text);
          log.push(`lessons/${folder}/lesson.md from ${lesson.file} via ${m.applied.join(',')}`);
          if (random() < 0.7) {
            const lab = pick(random, labs);
            const l =
              random() < 0.15
                ? { text: randomDocument(random), applied: ['random'] }
                : mutate(lab.text, random);
            write(`lessons/${folder}/lab.md`, l.text);
            log.push(`lessons/${folder}/lab.md from ${lab.file} via ${l.applied.join(',')}`);
          }
        }
        for (let k = 0; k < 2; k++) {
          const bank = pick(random, banks);
          const b = mutate(bank.text, random);
          write(`quizzes/0${k}-fuzz.quiz.md`, b.text);
          log.push(`quizzes/0${k}-fuzz.quiz.md from ${bank.file} via ${b.applied.join(',')}`);
        }
        const context = `root #${n} (${dir}):\n${log.join('\n')}`;
        const contentRoot = { dir, pack: '' };

        let index;
        try {
          index = listLessons(contentRoot);
        } catch (error) {
          throw new Error(`listLessons threw ${String(error)}\n${context}`);
        }
        checkProblems(index.problems, texts, context);
        for (const meta of index.lessons) {
          if (meta.broken) continue;
          try {
            const lesson = loadLesson(meta);
            checkProblems(lesson.problems, texts, `${context}\nloadLesson ${meta.file}`);
          } catch (error) {
            if (!(error instanceof ContentError))
              throw new Error(`loadLesson threw ${String(error)}\n${context}\n${meta.file}`);
            expect(error.problems.length).toBeGreaterThan(0);
            checkProblems(error.problems, texts, `${context}\nloadLesson ${meta.file}`);
          }
          const body = texts.get(meta.file) ?? '';
          for (const width of [20, 80]) {
            try {
              renderMarkdown(body, { width, color: n % 2 === 0, hyperlinks: n % 3 === 0 });
            } catch (error) {
              throw new Error(
                `renderMarkdown(width ${width}) threw ${String(error)}\n${context}\n${meta.file}`,
              );
            }
          }
        }
        let report;
        try {
          report = lintCourse(contentRoot, [bundledRoot()]);
        } catch (error) {
          throw new Error(`lintCourse threw ${String(error)}\n${context}`);
        }
        checkProblems(report.problems, texts, context);
        // Every file that is not the pristine source has been looked at without crashing;
        // a broken one must say so somewhere rather than load silently as nothing.
        expect(report.counted.lessons + report.problems.length, context).toBeGreaterThan(0);
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
