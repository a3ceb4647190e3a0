import type { CommandContext } from '../cli/context.js';
import { dockdrillHome } from './home.js';
import { ProgressStore } from './store.js';
import { emptyProgress, type Progress } from './schema.js';

/** The store for this command: DOCKDRILL_HOME or the config dir, and `--profile`. */
export function openStore(context: Pick<CommandContext, 'env' | 'profile'>): {
  store: ProgressStore;
  home: string;
} {
  const home = dockdrillHome(context.env, context.profile);
  return { store: new ProgressStore(home), home };
}

/**
 * The progress to decide approvals by; an unreadable store counts as no approval at all
 * (refusing is the safe side, and the command that reports the store's problem is progress).
 */
export function readProgressOrEmpty(context: Pick<CommandContext, 'env' | 'profile'>): Progress {
  try {
    return openStore(context).store.read();
  } catch {
    return emptyProgress();
  }
}
