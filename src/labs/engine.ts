/**
 * The lab engine's public face. Screens and commands import from here:
 *
 *   const ws = prepareWorkspace(lab, dataDir);
 *   await ensureImages(docker, lab.images, { onProgress });
 *   await runSetup(docker, lab, { dataDir, workspace: ws });
 *   const results = await runChecks(docker, task.checks, { workspace: ws, labId: lab.id });
 *   const plan = await planCleanup(docker, { labId: lab.id, resources: lab.resources, dataDir });
 *   await cleanup(docker, plan);
 *
 * Everything the engine creates carries `dockdrill.lab=<lab-id>` and is journaled first.
 */
export { prepareWorkspace, labPaths, type LabPaths } from './workspace.js';
export { ensureImages, LabImageError, type ImageStatus, type PullProgress } from './images.js';
export { runSetup, applySolution, type RunStepsOptions } from './solution.js';
export { runStep, buildEnv, LabStepError, type StepOutcome, type StepOptions } from './steps.js';
export {
  Journal,
  pendingJournals,
  readJournal,
  journalPath,
  type JournalData,
  type JournalEntry,
  type PendingJournal,
} from './journal.js';
export {
  planCleanup,
  cleanup,
  leftovers,
  normalizeImageRef,
  foreignObjects,
  foreignObjectsMessage,
  type ForeignObject,
  type CleanupPlan,
  type CleanupItem,
  type CleanupReport,
  type CleanupTarget,
} from './cleanup.js';
export { runProbe, probeLabId, type Probe, type ProbeResult } from './probe.js';
export {
  selftest,
  type SelftestReport,
  type SelftestTaskReport,
  type SelftestOptions,
} from './selftest.js';
export { watchChecks, type WatchChecksOptions } from './watch.js';
export {
  runChecks,
  formatCheckResult,
  describeCheck,
  type CheckResult,
  type CheckContext,
} from './checks/run-checks.js';
export { checkSchema, CHECK_KINDS, type Check } from './checks/schema.js';
export { injectLabel, createdObjects, labLabel, LAB_LABEL } from './labels.js';
export { splitArgv, parseDockerLine } from './argv.js';
export {
  parseLab,
  readLab,
  listLabs,
  lintLabs,
  type ParsedLab,
  type RefResolver,
} from './parse-lab.js';
export type { Lab, LabTask, LabSummary, LabResources, LabSolution } from './types.js';
