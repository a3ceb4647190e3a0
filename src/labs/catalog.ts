/**
 * The labs of every loaded content root, for the Labs screen and the `lab` and `check`
 * commands: list them (front matter only) and load one by id. The first root that has an
 * id wins, so a course pack cannot silently replace a bundled lab of the same id.
 */
import type { ContentRoot } from '../content/paths.js';
import type { ContentProblem } from '../content/problems.js';
import { labFiles, listLabs, readLab } from './parse-lab.js';
import type { Lab, LabSummary } from './types.js';

/** Every usable lab (broken front matter left out), in root then lesson order. */
export function allLabs(roots: readonly ContentRoot[]): LabSummary[] {
  const seen = new Set<string>();
  const out: LabSummary[] = [];
  for (const root of roots) {
    for (const summary of listLabs(root)) {
      if (seen.has(summary.id)) continue;
      seen.add(summary.id);
      out.push(summary);
    }
  }
  return out;
}

export type LoadedLab =
  | { readonly ok: true; readonly lab: Lab; readonly problems: readonly ContentProblem[] }
  | { readonly ok: false; readonly problems: readonly ContentProblem[]; readonly file?: string };

/** Loads the lab with `id`; `ok: false` with no problems means there is no such lab. */
export function loadLab(roots: readonly ContentRoot[], id: string): LoadedLab {
  const summary = allLabs(roots).find((lab) => lab.id === id);
  if (!summary) return { ok: false, problems: [] };
  const { lab, problems } = readLab(summary.file);
  const errors = problems.filter((p) => p.severity === 'error');
  if (!lab || errors.length) return { ok: false, problems, file: summary.file };
  return { ok: true, lab, problems };
}

/** Every lab.md of the roots, parsed (broken ones too: self-test --all reports them). */
export function parseAllLabs(
  roots: readonly ContentRoot[],
): { file: string; lab: Lab | undefined; problems: readonly ContentProblem[] }[] {
  return roots.flatMap((root) =>
    labFiles(root).map((file) => {
      const { lab, problems } = readLab(file);
      return { file, lab, problems };
    }),
  );
}
