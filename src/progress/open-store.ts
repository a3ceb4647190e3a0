import type { CommandContext } from '../commands/context.js';
import { dockdrillHome } from './home.js';
import { ProgressStore } from './store.js';

/** The store for this command: DOCKDRILL_HOME or the config dir, and `--profile`. */
export function openStore(context: Pick<CommandContext, 'env' | 'profile'>): {
  store: ProgressStore;
  home: string;
} {
  const home = dockdrillHome(context.env, context.profile);
  return { store: new ProgressStore(home), home };
}
