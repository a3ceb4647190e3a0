/**
 * Format rules that used to differ between quiz banks and labs, now enforced by one
 * function each (src/content/ids.ts, src/content/shell-words.ts, src/labs/argv.ts): the
 * same input gets the same verdict wherever it is written.
 */
import { describe, expect, it } from 'vitest';
import { parseLab } from '../../src/labs/parse-lab.js';
import { parseBank } from '../../src/quiz/parse-bank.js';

/** A bank with one question whose id, ref, Verify step and Accept line are given. */
function bank(o: { id?: string; ref?: string; step?: string; accept?: string }): string[] {
  const text = `---
domain: images
---

### ${o.id ?? 'q-one'}
\`\`\`yaml
type: command
${o.ref ? `ref: "${o.ref}"` : ''}
\`\`\`
Type it.

#### Accept
- \`${o.accept ?? 'docker ps'}\`

#### Explanation
Because. See https://docs.docker.com/.

#### Verify
\`\`\`yaml
steps:
  - ${o.step ?? '[run, --rm, busybox:1.36, "true"]'}
checks:
  - kind: image
    image: busybox:1.36
\`\`\`
`;
  return parseBank(text, '/x/01-x.quiz.md', { verify: true }).problems.map((p) => p.message);
}

/** A lab with the given id, check ref, setup step and solution line. */
function lab(o: { id?: string; ref?: string; step?: string; solution?: string }): string[] {
  const text = `---
id: ${o.id ?? 'lab-one'}
title: A lab
images: [busybox:1.36]
resources:
  containers: [web]
setup:
  - ${o.step ?? '[run, --rm, busybox:1.36, "true"]'}
---

## Task: one
Run web.

\`\`\`check
- kind: container
  name: web
${o.ref ? `  ref: "${o.ref}"` : ''}
\`\`\`

#### Hint
- run it

#### Solution
\`\`\`sh
${o.solution ?? 'docker run -d --name web busybox:1.36 sleep 60'}
\`\`\`
`;
  return parseLab(text, '/x/lab.md').problems.map((p) => p.message);
}

describe('one verdict for the same input in a bank and in a lab', () => {
  it('the baseline question and lab are clean', () => {
    expect(bank({})).toEqual([]);
    expect(lab({})).toEqual([]);
  });

  it.each(['a--b', 'a-', '-a', 'A-b'])('id %j is refused in both', (id) => {
    expect(bank({ id }).join('\n')).toMatch(/id|lowercase/);
    expect(lab({ id }).join('\n')).toMatch(/id must be/);
  });

  it('a ref to a section with non-ASCII letters (Café au lait) is valid in both', () => {
    expect(bank({ ref: 'drinks#café-au-lait' })).toEqual([]);
    expect(lab({ ref: 'drinks#café-au-lait' })).toEqual([]);
  });

  it('["sleep", true] is a valid step in both a Verify block and a lab setup', () => {
    const step = '[run, --rm, busybox:1.36, sleep, true]';
    expect(bank({ step })).toEqual([]);
    expect(lab({ step })).toEqual([]);
    // And the step policy refuses the same step in both.
    const prune = '[system, prune, -f]';
    expect(bank({ step: prune }).join('\n')).toMatch(/"docker system prune" is not a command/);
    expect(lab({ step: prune }).join('\n')).toMatch(/"docker system prune" is not a command/);
  });

  it('an operator inside a word (ps;ls) is refused in both an Accept line and a solution', () => {
    expect(bank({ accept: 'docker ps;ls' }).join('\n')).toMatch(/without `;`/);
    expect(lab({ solution: 'docker ps;ls' }).join('\n')).toMatch(/without `;`/);
    expect(lab({ solution: 'docker run busybox:1.36 echo hi>out.txt' }).join('\n')).toMatch(
      /without `>`/,
    );
  });
});

describe('question metadata without its fence', () => {
  it('is reported as such, not as a single-choice question without options', () => {
    const text = `---
domain: images
---

### q-unfenced
type: command
difficulty: 2
Type it.

#### Accept
- \`docker ps\`

#### Explanation
Because.
`;
    const problems = parseBank(text, '/x/01-x.quiz.md').problems;
    expect(problems.map((p) => `${p.line} ${p.code}`)).toEqual(['6 meta-without-fence']);
    expect(problems[0]!.message).toMatch(/put the block in a ```yaml fence/);
  });
});

describe('names a solution creates', () => {
  it('must be declared in resources: lint says so at the solution line, without an engine', () => {
    const problems = lab({ solution: 'docker run -d --name web2 busybox:1.36 sleep 60' });
    expect(problems).toContain(
      'the solution creates container "web2", which resources.containers does not declare',
    );
    expect(lab({ solution: 'docker tag busybox:1.36 mine:1' }).join('\n')).toMatch(
      /creates image "mine:1", which resources.images does not declare/,
    );
  });
});
