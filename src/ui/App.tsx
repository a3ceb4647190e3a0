/**
 * The app shell: a stack of routes, the top one showing. Screens get services and
 * navigation from context; the shell itself does no docker or file work.
 */
import { useApp } from 'ink';
import { useCallback, useMemo, useState, type ReactElement } from 'react';
import { ServicesContext, type AppServices } from './app-context.js';
import { NavigationContext, type Navigation } from './navigation.js';
import type { Route, ScreenId } from './screens.js';
import { Doctor } from './screens/Doctor.js';
import { Home } from './screens/Home.js';
import { Progress } from './screens/Progress.js';

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
  const back = useCallback(() => {
    setStack((current) => {
      if (current.length <= 1) {
        exit();
        return current;
      }
      return current.slice(0, -1);
    });
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
