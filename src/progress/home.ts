/** Where dockdrill keeps its files: DOCKDRILL_HOME, or the XDG config dir; per profile. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function dockdrillHome(env: NodeJS.ProcessEnv = process.env, profile?: string): string {
  const base =
    env.DOCKDRILL_HOME || join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'dockdrill');
  if (!profile) return base;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(profile)) {
    throw new Error(
      `invalid profile name "${profile}": use letters, digits, ".", "_" and "-" (up to 64)`,
    );
  }
  return join(base, 'profiles', profile);
}

/** Why a profile name cannot be used (it becomes a folder name), or undefined when it can. */
export function profileNameProblem(profile: string): string | undefined {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(profile)
    ? undefined
    : `invalid profile name "${profile}": use letters, digits, ".", "_" and "-" (up to 64)`;
}
