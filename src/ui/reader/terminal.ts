/**
 * How a lesson may be styled on this terminal: colour unless NO_COLOR is set (any value,
 * per no-color.org), and OSC 8 hyperlinks only on a real terminal that is not dumb.
 * Terminals that do not know OSC 8 mostly ignore it, but `TERM=dumb`, the Linux console
 * and pipes print it as garbage, so those get the URL in plain text instead.
 */
export interface DocumentStyle {
  readonly color: boolean;
  readonly hyperlinks: boolean;
}

export function documentStyle(env: NodeJS.ProcessEnv, isTTY: boolean): DocumentStyle {
  const term = env.TERM ?? '';
  return {
    color: !('NO_COLOR' in env),
    hyperlinks: isTTY && term !== '' && term !== 'dumb' && term !== 'linux',
  };
}
