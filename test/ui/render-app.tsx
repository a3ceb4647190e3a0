/** Renders the App (or one screen) with real services for ink-testing-library tests. */
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { Docker } from '../../src/docker/index.js';
import { ServicesContext, type AppServices } from '../../src/ui/app-context.js';
import { NavigationContext, type Navigation } from '../../src/ui/navigation.js';
import type { Route } from '../../src/ui/screens.js';
import type { CourseSummary } from '../../src/content/course-summary.js';
import { ProgressStore } from '../../src/progress/store.js';
import { makeTempDir } from '../helpers/home.js';

export function makeServices(overrides: Partial<AppServices> = {}): AppServices {
  const summary: CourseSummary = {
    lessons: 3,
    questions: 42,
    labs: 2,
  };
  const home = overrides.home ?? makeTempDir('dockdrill-ui-home-');
  return {
    docker: new Docker(),
    roots: [],
    summary,
    home,
    store: new ProgressStore(home),
    ...overrides,
  };
}

/** A navigation that records what the screen asked for. */
export function recordingNavigation(): Navigation & {
  readonly opened: Route[];
  backs: number;
  quits: number;
} {
  const nav = {
    opened: [] as Route[],
    backs: 0,
    quits: 0,
    open: (route: Route) => void nav.opened.push(route),
    back: () => void nav.backs++,
    quit: () => void nav.quits++,
  };
  return nav;
}

export function renderWith(
  element: ReactElement,
  services: AppServices = makeServices(),
  navigation: Navigation = recordingNavigation(),
) {
  return render(
    <ServicesContext.Provider value={services}>
      <NavigationContext.Provider value={navigation}>{element}</NavigationContext.Provider>
    </ServicesContext.Provider>,
  );
}

export const tick = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the last frame until it contains `text`. */
export async function waitForFrame(
  lastFrame: () => string | undefined,
  text: string | RegExp,
  timeoutMs = 10_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let frame = '';
  while (Date.now() < deadline) {
    frame = lastFrame() ?? '';
    if (typeof text === 'string' ? frame.includes(text) : text.test(frame)) {
      // Ink re-binds input handlers in an effect after the frame is drawn: let it settle.
      await tick(40);
      return frame;
    }
    await tick(20);
  }
  throw new Error(`timed out waiting for ${String(text)}; last frame:\n${frame}`);
}
