import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  countQuestions,
  lintBanks,
  listBanks,
  loadBank,
  parseBank,
} from '../../src/quiz/parse-bank.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'quizzes');
const goodRoot = { dir: join(fixtures, 'good'), pack: '' };
const brokenRoot = { dir: join(fixtures, 'broken'), pack: '' };
const goodFile = join(goodRoot.dir, 'quizzes', '01-image-basics.quiz.md');
const brokenFile = join(brokenRoot.dir, 'quizzes', '01-broken.quiz.md');
const moreFile = join(brokenRoot.dir, 'quizzes', '02-more.quiz.md');

describe('parseBank on a good bank', () => {
  const { bank, problems } = loadBank(goodFile);
  const byId = (id: string) => {
    const q = bank.questions.find((question) => question.id === id);
    if (!q) throw new Error(`no question ${id}`);
    return q;
  };

  it('finds every question and reports nothing', () => {
    expect(problems).toEqual([]);
    expect(bank.questions.map((q) => q.id)).toEqual([
      'images-digests',
      'save-vs-export',
      'tags-share-id',
      'tail-five-lines',
      'build-order',
      'plain-defaults',
    ]);
    expect(bank.lesson).toBe('image-basics');
    expect(bank.domain).toBe('images');
  });

  it('reads a single question with options, feedback, hint, meta and line numbers', () => {
    const q = byId('images-digests');
    expect(q).toMatchObject({
      type: 'single',
      difficulty: 1,
      tags: ['ls', 'digests'],
      ref: 'image-basics#listing-images',
      domain: 'images',
      lesson: 'image-basics',
      line: 8,
      hint: 'The flag is named after what it shows.',
      stem: "Which flag makes `docker image ls` show each image's digest?",
    });
    expect(q.options.map((o) => [o.text, o.correct, o.feedback, o.line])).toEqual([
      ['`--no-trunc`', false, 'That prints full image IDs, not digests.', 17],
      ['`--digests`', true, 'Right: it adds a DIGEST column.', 19],
      ['`--all`', false, undefined, 21],
    ]);
    expect(q.explanation).toContain('adds a DIGEST column');
  });

  it('gives options ids from their text, not their position', () => {
    const q = byId('images-digests');
    const moved = parseBank(
      '---\ndomain: images\n---\n### x\nStem\n\n- [x] `--digests`\n- [ ] `--all`\n- [ ] `--no-trunc`\n\n#### Explanation\nE\n',
      'moved.quiz.md',
    ).bank.questions[0];
    const idOf = (text: string, options: readonly { text: string; id: string }[]) =>
      options.find((o) => o.text === text)?.id;
    for (const text of ['`--digests`', '`--all`', '`--no-trunc`']) {
      expect(idOf(text, moved?.options ?? [])).toBe(idOf(text, q.options));
    }
    expect(new Set(q.options.map((o) => o.id)).size).toBe(3);
  });

  it('ignores headings and options inside code blocks and expands #slug refs', () => {
    const q = byId('save-vs-export');
    expect(q.type).toBe('multi');
    expect(q.options.map((o) => o.correct)).toEqual([true, true, false]);
    expect(q.stem).toContain('### this is a comment in a code block');
    expect(q.ref).toBe('image-basics#save-and-export');
  });

  it('reads truefalse with a verify probe', () => {
    const q = byId('tags-share-id');
    expect(q.type).toBe('truefalse');
    expect(q.difficulty).toBe(2);
    expect(q.verify).toEqual({
      steps: [{ argv: ['tag', 'busybox:1.36', 'ddv-tagcheck:a'] }],
      checks: [{ kind: 'image', image: 'ddv-tagcheck:a', tags: ['busybox:1.36'] }],
      line: 66,
    });
  });

  it('reads command questions with per-question domain and lesson overriding the defaults', () => {
    const q = byId('tail-five-lines');
    expect(q).toMatchObject({
      type: 'command',
      domain: 'orchestration',
      lesson: 'container-logs',
      options: [],
    });
    expect(q.accept).toEqual(['docker logs --tail 5 web', 'docker container logs -n 5 web']);
  });

  it('reads order steps in their correct order', () => {
    const q = byId('build-order');
    expect(q.steps.map((s) => s.text)).toEqual([
      'Send the build context to the daemon',
      'Run each instruction in a temporary container',
      'Commit the result of each step as a layer',
      'Tag the final image',
    ]);
    expect(q.steps[0]?.line).toBe(99);
  });

  it('defaults type to single, difficulty to 2 and takes domain and lesson from the front matter', () => {
    expect(byId('plain-defaults')).toMatchObject({
      type: 'single',
      difficulty: 2,
      domain: 'images',
      lesson: 'image-basics',
      tags: [],
    });
  });

  it('lists banks in name order and lints the good root clean', () => {
    expect(listBanks(goodRoot).map((f) => f.split('/').pop())).toEqual([
      '01-image-basics.quiz.md',
      '02-networking.quiz.md',
    ]);
    const linted = lintBanks(goodRoot, () => true);
    expect(linted.problems).toEqual([]);
    expect(linted.banks.flatMap((b) => b.questions)).toHaveLength(7);
  });
});

describe('lint on broken banks', () => {
  const calls: string[] = [];
  const { problems, banks } = lintBanks(brokenRoot, (ref) => {
    calls.push(ref);
    return ref.startsWith('image-basics#');
  });
  const found = problems.map(
    (p) =>
      `${p.file === brokenFile ? '01' : p.file === moreFile ? '02' : p.file}:${p.line} ${p.code}`,
  );

  it.each([
    ['01:4 bad-front-matter', 'unknown front matter key'],
    ['01:19 duplicate-id', 'already used at line 7'],
    ['01:31 wrong-key-count', 'exactly one correct option'],
    ['01:43 no-key', 'at least one correct option'],
    ['01:49 missing-explanation', 'Explanation'],
    ['01:57 unknown-type', 'unknown type'],
    ['01:67 bad-difficulty', '1, 2 or 3'],
    ['01:77 missing-accept', 'Accept'],
    ['01:93 bad-accept', 'quote is not closed'],
    ['01:94 bad-accept', 'should be a `docker` command'],
    ['01:95 bad-accept', '`--tail` needs a value'],
    ['01:100 too-few-steps', 'at least 2'],
    ['01:126 bad-yaml', 'invalid YAML'],
    ['01:141 bad-verify', 'steps.0'],
    ['01:143 bad-verify', 'checks.0.kind'],
    ['01:148 unknown-domain', 'unknown domain'],
    ['01:160 bad-ref', 'lesson-id#section-slug'],
    ['01:170 bad-id', 'lowercase'],
    ['02:5 duplicate-id', `${brokenFile}:7`],
    ['02:14 unknown-ref', 'no-such-lesson#nowhere'],
  ])('reports %s', (where, text) => {
    const index = found.indexOf(where);
    expect(index, `${where} not in\n${found.join('\n')}`).toBeGreaterThanOrEqual(0);
    expect(problems[index]?.message).toContain(text);
  });

  it('reports nothing else', () => {
    expect(found).toHaveLength(20);
  });

  it('serves only the questions without errors and resolves refs through the callback', () => {
    expect(banks.map((b) => b.questions.map((q) => q.id))).toEqual([
      ['fine-question'],
      ['dangling-ref'],
    ]);
    expect(calls).toEqual(['image-basics#listing-images', 'no-such-lesson#nowhere']);
  });
});

describe('parseBank details', () => {
  const parse = (body: string, front = '---\ndomain: images\n---\n') =>
    parseBank(front + body, 'x.quiz.md');

  it('needs a domain from somewhere', () => {
    const { problems, bank } = parse(
      '### q\nStem\n\n- [x] a\n- [ ] b\n\n#### Explanation\nE\n',
      '',
    );
    expect(problems.map((p) => `${p.line} ${p.code}`)).toEqual(['1 missing-domain']);
    expect(bank.questions).toEqual([]);
  });

  it('reports a broken yaml block under the heading at its real line', () => {
    const { problems } = parse(
      '### q\n```yaml\ntype: single\ntags: [a\n```\nStem\n\n- [x] a\n- [ ] b\n\n#### Explanation\nE\n',
    );
    expect(problems.map((p) => p.code)).toEqual(['bad-yaml']);
    expect(problems[0]?.line).toBeGreaterThanOrEqual(7);
  });

  it('checks truefalse options and warns about unknown sections', () => {
    const { problems } = parse(
      '### q\n```yaml\ntype: truefalse\n```\nStem\n\n- [x] Yes\n- [ ] No\n\n#### Explanation\nE\n\n#### Notes\nx\n',
    );
    expect(problems.map((p) => `${p.line} ${p.code} ${p.severity}`)).toEqual([
      '4 bad-truefalse error',
      '16 unknown-section warning',
    ]);
  });

  it('flags unknown keys in the question block at their line', () => {
    const { problems } = parse(
      '### q\n```yaml\ntype: single\ncolor: red\n```\nStem\n\n- [x] a\n- [ ] b\n\n#### Explanation\nE\n',
    );
    expect(problems.map((p) => `${p.line} ${p.code}`)).toEqual(['7 unknown-key']);
  });

  it('takes the slow YAML path for quoted values and gives the same result', () => {
    const { bank, problems } = parse(
      '### q\n```yaml\ntype: "multi"\ntags: [\'a b\']\n```\nStem\n\n- [x] a\n- [ ] b\n\n#### Explanation\nE\n',
    );
    expect(problems).toEqual([]);
    expect(bank.questions[0]).toMatchObject({ type: 'multi', tags: ['a b'] });
  });

  it('requires a yaml block under Verify and rejects verify keys it does not know', () => {
    const noBlock = parse(
      '### q\nStem\n\n- [x] a\n- [ ] b\n\n#### Explanation\nE\n\n#### Verify\nrun it\n',
    );
    expect(noBlock.problems.map((p) => `${p.line} ${p.code}`)).toEqual(['13 bad-verify']);
    const extra = parse(
      '### q\nStem\n\n- [x] a\n- [ ] b\n\n#### Explanation\nE\n\n#### Verify\n```yaml\nsteps: []\nchecks:\n  - kind: file\n    path: x\nprobe: 1\n```\n',
    );
    expect(extra.problems.map((p) => `${p.line} ${p.code}`)).toEqual(['19 bad-verify']);
  });

  it('counts question headings without parsing, skipping code blocks', () => {
    const text =
      '---\ndomain: images\n---\n### a\n```\n### not-a-question\n```\n### b\n#### Explanation\n## c\n### c\n';
    expect(countQuestions(text)).toBe(3);
  });
});

describe('Verify checks use the lab check schema', () => {
  it('reports a field error inside a check at its line', () => {
    const text =
      '---\ndomain: images\n---\n### q\nStem\n\n- [x] a\n- [ ] b\n\n#### Explanation\nE\n\n#### Verify\n```yaml\nsteps: []\nchecks:\n  - kind: image\n    image: busybox:1.36\n    layerz: 1\n```\n';
    const { problems, bank } = parseBank(text, 'v.quiz.md');
    expect(problems.map((p) => `${p.line} ${p.code}`)).toEqual(['19 bad-verify']);
    expect(problems[0]?.message).toContain('layerz');
    expect(bank.questions).toEqual([]);
  });

  const withVerify = (yaml: string) =>
    `---\ndomain: images\n---\n### q\nStem\n\n- [x] a\n- [ ] b\n\n#### Explanation\nE\n\n#### Verify\n\`\`\`yaml\n${yaml}\n\`\`\`\n`;

  it('reads named steps and output checks that point at them', () => {
    const { problems, bank } = parseBank(
      withVerify(
        'steps:\n  - [tag, busybox:1.36, ddv-x:1]\n  - argv: [image, ls, -q, ddv-x]\n    as: listing\nchecks:\n  - kind: output\n    step: listing\n    lines: 1',
      ),
      'v.quiz.md',
    );
    expect(problems).toEqual([]);
    expect(bank.questions[0]?.verify?.steps).toEqual([
      { argv: ['tag', 'busybox:1.36', 'ddv-x:1'] },
      { argv: ['image', 'ls', '-q', 'ddv-x'], as: 'listing' },
    ]);
  });

  it('names the line of an output check whose step does not exist, and of a repeated name', () => {
    const missing = parseBank(
      withVerify(
        'steps:\n  - argv: [image, ls]\n    as: listing\nchecks:\n  - kind: output\n    step: listng\n    lines: 1',
      ),
      'v.quiz.md',
    );
    expect(missing.problems.map((p) => `${p.line} ${p.code}`)).toEqual(['20 bad-verify']);
    expect(missing.problems[0]?.message).toContain(
      'no step is named "listng" (named steps: listing)',
    );
    const twice = parseBank(
      withVerify(
        'steps:\n  - argv: [image, ls]\n    as: a\n  - argv: [ps]\n    as: a\nchecks:\n  - kind: output\n    step: a\n    lines: 1',
      ),
      'v.quiz.md',
    );
    expect(twice.problems.map((p) => `${p.line} ${p.code}`)).toEqual(['19 bad-verify']);
    expect(twice.bank.questions).toEqual([]);
  });

  it('rejects an output check with nothing to check', () => {
    const { problems } = parseBank(
      withVerify('steps:\n  - argv: [ps]\n    as: a\nchecks:\n  - kind: output\n    step: a'),
      'v.quiz.md',
    );
    expect(problems.map((p) => p.message).join()).toContain(
      'needs "stdout", "stderr", "lines" or "exitCode"',
    );
  });

  it('skips Verify blocks when asked (the app): no probe, no probe problems, same question', () => {
    const text = withVerify(
      'steps: []\nchecks:\n  - kind: image\n    image: busybox:1.36\n    layerz: 1',
    );
    const linted = parseBank(text, 'v.quiz.md');
    expect(linted.problems.map((p) => p.code)).toEqual(['bad-verify']);
    const app = parseBank(text, 'v.quiz.md', { verify: false });
    expect(app.problems).toEqual([]);
    expect(app.bank.questions.map((q) => [q.id, q.verify])).toEqual([['q', undefined]]);
  });
});
