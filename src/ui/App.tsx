/**
 * The app shell: a stack of routes, the top one showing. Screens get services and
 * navigation from context; the shell itself does no docker or file work.
 */
import { useApp } from 'ink';
import { useCallback, useMemo, useRef, useState, type ReactElement } from 'react';
import { ServicesContext, type AppServices } from './app-context.js';
import { NavigationContext, type Navigation } from './navigation.js';
import type { Route, ScreenId } from './screens.js';
import { Doctor } from './screens/Doctor.js';
import { Exam } from './screens/Exam.js';
import { Home } from './screens/Home.js';
import { Lab } from './screens/Lab.js';
import { Labs } from './screens/Labs.js';
import { LessonReader } from './screens/LessonReader.js';
import { Lessons } from './screens/Lessons.js';
import { Progress } from './screens/Progress.js';
import { Quiz } from './screens/Quiz.js';
import { Review } from './screens/Review.js';

export interface AppProps {
  readonly services: AppServices;
  /** The route to start on (a command such as `dockdrill doctor` may pick it). */
  readonly initialRoute?: Route;
}

/** One renderer per screen that exists in this build. */
const SCREENS: Partial<{
  [Name in ScreenId]: (route: Extract<Route, { name: Name }>) => ReactElement;
}> = {
  doctor: () => <Doctor />,
  progress: () => <Progress />,
  // Quiz, review and exam keep their state under the route object, so coming back from a
  // lesson opened from a question returns to the same question.
  quiz: (route) => <Quiz route={route} canOpen={(screen) => screen in SCREENS} />,
  review: (route) => <Review route={route} />,
  exam: (route) => <Exam route={route} />,
  labs: () => <Labs />,
  lab: (route) => <Lab id={route.id} />,
  lessons: () => <Lessons />,
  // Keyed by lesson: opening another lesson from a link starts a fresh reader.
  lesson: (route) => (
    <LessonReader
      key={route.id}
      id={route.id}
      section={route.section}
      canOpen={(screen) => screen in SCREENS}
    />
  ),
};

export function App({ services, initialRoute = { name: 'home' } }: AppProps) {
  const { exit } = useApp();
  const [stack, setStack] = useState<Route[]>([initialRoute]);
  // The last screen opened from Home, so coming back highlights it again.
  const [lastOpened, setLastOpened] = useState<ScreenId>();
  const route = stack[stack.length - 1] ?? { name: 'home' };

  const open = useCallback((next: Route) => {
    setLastOpened(next.name);
    setStack((current) => [...current, next]);
  }, []);
  // Read the stack through a ref so `exit()` is never called inside a state updater.
  const stackRef = useRef(stack);
  stackRef.current = stack;
  const back = useCallback(() => {
    if (stackRef.current.length <= 1) exit();
    else setStack((current) => current.slice(0, -1));
  }, [exit]);
  const navigation = useMemo<Navigation>(
    () => ({ open, back, quit: () => exit() }),
    [open, back, exit],
  );
  const available = useMemo(() => new Set(Object.keys(SCREENS) as ScreenId[]), []);

  const render = SCREENS[route.name] as ((route: Route) => ReactElement) | undefined;
  return (
    <ServicesContext.Provider value={services}>
      <NavigationContext.Provider value={navigation}>
        {route.name !== 'home' && render ? (
          render(route)
        ) : (
          <Home available={available} initialScreen={lastOpened} />
        )}
      </NavigationContext.Provider>
    </ServicesContext.Provider>
  );
}
