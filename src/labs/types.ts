/** The parsed shape of a lab (`lessons/NN-slug/lab.md` plus its `files/`). */
import type { Check } from './checks/schema.js';
import type { DomainId } from '../content/domains.js';

export interface LabResources {
  readonly containers: readonly string[];
  readonly images: readonly string[];
  readonly volumes: readonly string[];
  readonly networks: readonly string[];
}

export interface SolutionCommand {
  /** argv after `docker`. */
  readonly argv: readonly string[];
  /** The line as written, for display. */
  readonly text: string;
  readonly line: number;
}

export interface SolutionFile {
  /** Workspace-relative path. */
  readonly path: string;
  readonly content: string;
  readonly line: number;
}

export interface LabSolution {
  /** Written into the workspace before the commands run. */
  readonly files: readonly SolutionFile[];
  readonly commands: readonly SolutionCommand[];
}

export interface CheckLocation {
  /** Line of the check's first key. */
  readonly line: number;
  /** Line of its `ref`, when it has one. */
  readonly refLine?: number;
}

export interface LabTask {
  readonly id: string;
  /** Line of the `## Task:` heading. */
  readonly line: number;
  /** The task's markdown without its check, hint and solution blocks. */
  readonly prose: string;
  readonly checks: readonly Check[];
  readonly checkLocations: readonly CheckLocation[];
  /** Revealed one at a time. */
  readonly hints: readonly string[];
  readonly solution: LabSolution;
}

export interface LabFrontMatter {
  readonly id: string;
  readonly title: string;
  readonly lesson?: string;
  readonly domain?: DomainId;
  readonly minutes?: number;
  readonly images: readonly string[];
  /** Host ports the lab publishes, by name (`${port.name}` in its text), as chosen. */
  readonly ports: Readonly<Record<string, number>>;
  readonly resources: LabResources;
  /** docker argv arrays (without `docker`), run labelled before the first task. */
  readonly setup: readonly (readonly string[])[];
}

export interface Lab extends LabFrontMatter {
  /** Absolute path of lab.md. */
  readonly file: string;
  /** The lesson folder; `files/` under it is copied into the workspace. */
  readonly dir: string;
  /** Markdown before the first task. */
  readonly intro: string;
  readonly tasks: readonly LabTask[];
}

/** What the lab index needs (front matter only). */
export interface LabSummary {
  readonly id: string;
  readonly title: string;
  readonly lesson?: string;
  readonly domain?: DomainId;
  readonly minutes?: number;
  readonly file: string;
  readonly dir: string;
}
