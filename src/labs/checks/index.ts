export * from './schema.js';
export * from './matchers.js';
export * from './run-checks.js';
export {
  inspectTar,
  listTarEntries,
  classifyTarEntries,
  NotATarError,
  type TarKind,
  type TarSummary,
} from './tar.js';
