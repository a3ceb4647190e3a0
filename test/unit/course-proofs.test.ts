/**
 * How each quiz key of the bundled course is backed. A question carries a Verify probe
 * (run by `lint --verify` in CI), or a real-engine test names it at the start of a test
 * title (for proofs a probe must not run on a learner's machine: restarting the daemon,
 * writing /etc/docker, a Git server, a real terminal), or its explanation cites the
 * documentation. This test keeps those links honest: a renamed question cannot leave a
 * test proving nothing, and a question without a probe or a test must cite a page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledRoot } from '../../src/content/paths.js';
import { loadRootBanks } from '../../src/quiz/parse-bank.js';

const TEST_DIR = join(import.meta.dirname, '..', 'docker');

/** Question ids at the start of real-engine test titles: `it('sd-x, sd-y: ...'`. */
function idsNamedByEngineTests(): Map<string, string> {
  const named = new Map<string, string>();
  for (const file of readdirSync(TEST_DIR).filter((f) => f.endsWith('.test.ts'))) {
    const text = readFileSync(join(TEST_DIR, file), 'utf8');
    for (const match of text.matchAll(
      /\bit\(\s*['"`]([a-z0-9]+-[a-z0-9-]+(?:, [a-z0-9]+-[a-z0-9-]+)*):/g,
    ))
      for (const id of match[1]!.split(', ')) named.set(id, file);
  }
  return named;
}

describe('every quiz key of the bundled course is backed', () => {
  const questions = loadRootBanks(bundledRoot()).flatMap(({ bank }) => bank.questions);
  const byId = new Map(questions.map((q) => [q.id, q]));
  const named = idsNamedByEngineTests();

  it('finds the test-backed questions (the scan itself works)', () => {
    expect(named.get('reg-certs-d-path')).toBe('registry-certs.docker.test.ts');
    expect(named.get('sd-dockerd-flag')).toBe('daemon-facts.docker.test.ts');
    expect(named.get('rp-policy-daemon-comeback')).toBe('daemon-behaviour.docker.test.ts');
  });

  it('each question id a real-engine test names exists in a bank', () => {
    const unknown = [...named].filter(([id]) => !byId.has(id)).map(([id, f]) => `${f}: ${id}`);
    expect(unknown).toEqual([]);
  });

  it('a question with neither a probe nor a test cites a documentation page', () => {
    const uncited = questions
      .filter((q) => !q.verify && !named.has(q.id))
      .filter(
        (q) =>
          !/\b(docs\.docker\.com|distribution\.github\.io|github\.com\/moby)\//.test(q.explanation),
      )
      .map((q) => q.id);
    expect(uncited).toEqual([]);
  });
});
