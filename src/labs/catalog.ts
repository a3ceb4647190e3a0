/**
 * The labs of every loaded content root, for the Labs screen and the `lab` and `check`
 * commands: list them (front matter only) and load one by id. A pack's lab ids are
 * namespaced (`<pack>/<id>`), so they never meet a bundled id; should two packs share a
 * name, the first root that has an id wins.
 */
import type { ContentRoot } from '../content/paths.js';
import type { ContentProblem } from '../content/problems.js';
import { lessonLookup } from '../content/lessons.js';
import { labFiles, listLabs, readRootLab, type LabReadOptions } from './parse-lab.js';
import type { LabPorts } from './ports.js';
import type { Lab, LabSummary } from './types.js';

/** Every usable lab (broken front matter left out), in root then lesson order. */
export function allLabs(roots: readonly ContentRoot[]): LabSummary[] {
  return labsWithRoots(roots).map(({ summary }) => summary);
}

function labsWithRoots(
  roots: readonly ContentRoot[],
): { summary: LabSummary; root: ContentRoot }[] {
  const seen = new Set<string>();
  const out: { summary: LabSummary; root: ContentRoot }[] = [];
  for (const root of roots) {
    for (const summary of listLabs(root)) {
      if (seen.has(summary.id)) continue;
      seen.add(summary.id);
      out.push({ summary, root });
    }
  }
  return out;
}

export type LoadedLab =
  | { readonly ok: true; readonly lab: Lab; readonly problems: readonly ContentProblem[] }
  | { readonly ok: false; readonly problems: readonly ContentProblem[]; readonly file?: string };

/** Loads the lab with `id`; `ok: false` with no problems means there is no such lab. */
export function loadLab(
  roots: readonly ContentRoot[],
  id: string,
  options: LabReadOptions = {},
): LoadedLab {
  const found = labsWithRoots(roots).find(({ summary }) => summary.id === id);
  if (!found) {
    // A lab whose front matter is refused (a forbidden setup step) is not listed, but its
    // author must learn why, not read "no lab".
    const broken = parseAllLabs(roots).find((parsed) => parsed.id === id);
    return broken
      ? { ok: false, problems: broken.problems, file: broken.file }
      : { ok: false, problems: [] };
  }
  const { summary, root } = found;
  const { lab, problems } = readRootLab(root, summary.file, undefined, options);
  const errors = problems.filter((p) => p.severity === 'error');
  if (!lab || errors.length) return { ok: false, problems, file: summary.file };
  return { ok: true, lab, problems };
}

/** Every lab.md of the roots, parsed (broken ones too: self-test --all reports them). */
export function parseAllLabs(
  roots: readonly ContentRoot[],
  /** The ports chosen for a lab on this machine, by lab id (report uses what the app chose). */
  portsOf: (labId: string) => LabPorts | undefined = () => undefined,
): {
  file: string;
  id: string | undefined;
  lab: Lab | undefined;
  problems: readonly ContentProblem[];
}[] {
  return roots.flatMap((root) => {
    const hasLesson = lessonLookup(root);
    return labFiles(root).map((file) => {
      const first = readRootLab(root, file, hasLesson);
      const chosen =
        first.lab && Object.keys(first.lab.ports).length ? portsOf(first.lab.id) : undefined;
      const { lab, problems, id } = chosen
        ? readRootLab(root, file, hasLesson, { ports: chosen })
        : first;
      return { file, id, lab, problems };
    });
  });
}
