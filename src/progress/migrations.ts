/**
 * Upgrades a progress file of any earlier schema version to the current one. Each entry
 * takes version N to N+1; a file with no version is version 0 (a bare object).
 */
import { SCHEMA_VERSION } from './schema.js';

type Raw = Record<string, unknown>;

const MIGRATIONS: Record<number, (data: Raw) => Raw> = {
  // 0 -> 1: versionless files only ever held `lessons`; add the other sections.
  0: (data) => ({ lessons: {}, questions: {}, labs: {}, exams: [], days: {}, ...data, version: 1 }),
};

export class FutureVersionError extends Error {
  override readonly name = 'FutureVersionError';
}

export function migrate(data: Raw): Raw {
  let current = data;
  let version = typeof current.version === 'number' ? current.version : 0;
  if (version > SCHEMA_VERSION) {
    throw new FutureVersionError(
      `progress file has schema version ${version}, newer than this dockdrill (${SCHEMA_VERSION}): update dockdrill`,
    );
  }
  while (version < SCHEMA_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) throw new Error(`no migration from progress schema version ${version}`);
    current = step(current);
    version++;
  }
  return current;
}
