import { render } from 'ink';
import type { CommandContext } from '../cli/context.js';
import { summariseCourse } from '../content/course-summary.js';
import { Docker } from '../docker/index.js';
import { dockdrillHome } from '../progress/home.js';
import type { ProgressStore } from '../progress/store.js';
import { App, loadScreen } from './App.js';
import type { ShellServices } from './app-context.js';
import type { Route } from './screens.js';

/** The services the home screen's first frame needs: cheap, no progress store yet. */
function shellServices(context: CommandContext): ShellServices {
  return {
    docker: new Docker(),
    roots: context.roots,
    summary: summariseCourse(context.roots),
    home: dockdrillHome(context.env, context.profile),
  };
}

/** Opens the progress store, loading its code (conf, ajv, zod) on first use. */
async function openProgress(context: CommandContext): Promise<ProgressStore> {
  const { openStore } = await import('../progress/open-store.js');
  return openStore(context).store;
}

/** Renders the app in the terminal and resolves with the exit code when the learner quits. */
export async function runApp(
  context: CommandContext,
  initialRoute: Route = { name: 'home' },
): Promise<number> {
  const shell = shellServices(context);
  let app;
  if (initialRoute.name === 'home') {
    // The menu draws at once; the store opens after the first frame and Home shows a
    // corrupt file's notice then.
    app = <App services={shell} openStore={() => openProgress(context)} />;
  } else {
    // A deep link (`dockdrill lesson <id>`) draws its screen in the first frame, not
    // "Loading…": its code and the store load first.
    let store: ProgressStore;
    try {
      [store] = await Promise.all([openProgress(context), loadScreen(initialRoute.name)]);
    } catch (error) {
      // A progress file from a newer dockdrill, or a lock that never frees: say so plainly.
      context.stderr.write(
        `dockdrill: your progress could not be opened: ${(error as Error).message}\n`,
      );
      return 1;
    }
    // A corrupt progress file was kept aside: say so before the app takes the screen.
    if (store.notice) context.stderr.write(`dockdrill: ${store.notice.message}\n`);
    app = <App services={{ ...shell, store }} initialRoute={initialRoute} />;
  }
  const instance = render(app, { exitOnCtrlC: true });
  await instance.waitUntilExit();
  return 0;
}
