import { render } from 'ink';
import { summariseCourse } from '../content/course-summary.js';
import { Docker } from '../docker/index.js';
import type { CommandContext } from '../commands/context.js';
import { App } from './App.js';
import type { ScreenId } from './screens.js';

/** Renders the app full-screen-ish in the terminal and resolves when the learner quits. */
export async function runApp(
  context: CommandContext,
  initialScreen: ScreenId = 'home',
): Promise<number> {
  const services = {
    docker: new Docker(),
    roots: context.roots,
    summary: summariseCourse(context.roots),
  };
  const instance = render(<App services={services} initialScreen={initialScreen} />, {
    exitOnCtrlC: true,
  });
  await instance.waitUntilExit();
  return 0;
}
