import { render } from 'ink';
import type { CommandContext } from '../commands/context.js';
import { summariseCourse } from '../content/course-summary.js';
import { Docker } from '../docker/index.js';
import { openStore } from '../progress/open-store.js';
import { App, loadScreen } from './App.js';
import type { AppServices } from './app-context.js';
import type { Route } from './screens.js';

/** Builds the services the screens share, from the command's context. */
export function createServices(context: CommandContext): AppServices {
  const { store, home } = openStore(context);
  return {
    docker: new Docker(),
    roots: context.roots,
    summary: summariseCourse(context.roots),
    store,
    home,
  };
}

/** Renders the app in the terminal and resolves with the exit code when the learner quits. */
export async function runApp(
  context: CommandContext,
  initialRoute: Route = { name: 'home' },
): Promise<number> {
  const services = createServices(context);
  // A corrupt progress file was kept aside: say so before the app takes the screen.
  if (services.store.notice) context.stderr.write(`dockdrill: ${services.store.notice.message}\n`);
  // A deep link (`dockdrill lesson <id>`) draws its screen in the first frame, not "Loading…".
  await loadScreen(initialRoute.name);
  const instance = render(<App services={services} initialRoute={initialRoute} />, {
    exitOnCtrlC: true,
  });
  await instance.waitUntilExit();
  return 0;
}
