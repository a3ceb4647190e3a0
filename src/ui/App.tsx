/**
 * The app shell: a stack of routes, the top one showing. Screens get services and
 * navigation from context; the shell itself does no docker or file work.
 */
import { Text, useApp, useInput } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import type { ProgressStore } from '../progress/store.js';
import { ServicesContext, type ShellServices } from './app-context.js';
import { NavigationContext, useNavigation, type Navigation } from './navigation.js';
import type { Route, ScreenId } from './screens.js';
import { Home } from './screens/Home.js';

export interface AppProps {
  /** With `store` (tests, deep links), or without it plus `openStore` (the home screen). */
  readonly services: ShellServices;
  /**
   * Opens the progress store after the first frame: its code (conf, ajv, zod) is the
   * largest part of start-up that the home menu does not need. Screens wait for it.
   */
  readonly openStore?: () => Promise<ProgressStore>;
  /** The route to start on (a command such as `dockdrill doctor` may pick it). */
  readonly initialRoute?: Route;
}

type Renderer<Name extends ScreenId> = (route: Extract<Route, { name: Name }>) => ReactElement;
type AnyRenderer = (route: Route) => ReactElement;

const canOpen = (screen: ScreenId) => screen in SCREENS;

/**
 * One loader per screen that exists in this build. Screens are imported when first needed
 * (Home's first frame then waits for Ink alone, not for markdown, quiz, lab and exam code
 * and the libraries behind them); after that first frame the App loads the rest while the
 * learner reads the menu, so opening a screen does not wait either.
 */
const SCREENS: Partial<{ [Name in ScreenId]: () => Promise<Renderer<Name>> }> = {
  doctor: async () => {
    const { Doctor } = await import('./screens/Doctor.js');
    return () => <Doctor />;
  },
  progress: async () => {
    const { Progress } = await import('./screens/Progress.js');
    return () => <Progress />;
  },
  // Quiz, review and exam keep their state under the route object, so coming back from a
  // lesson opened from a question returns to the same question.
  quiz: async () => {
    const { Quiz } = await import('./screens/Quiz.js');
    return (route) => <Quiz route={route} canOpen={canOpen} />;
  },
  review: async () => {
    const { Review } = await import('./screens/Review.js');
    return (route) => <Review route={route} />;
  },
  exam: async () => {
    const { Exam } = await import('./screens/Exam.js');
    return (route) => <Exam route={route} />;
  },
  labs: async () => {
    const { Labs } = await import('./screens/Labs.js');
    return () => <Labs />;
  },
  lab: async () => {
    const { Lab } = await import('./screens/Lab.js');
    return (route) => <Lab id={route.id} />;
  },
  lessons: async () => {
    const { Lessons } = await import('./screens/Lessons.js');
    return () => <Lessons />;
  },
  // Keyed by lesson: opening another lesson from a link starts a fresh reader.
  lesson: async () => {
    const { LessonReader } = await import('./screens/LessonReader.js');
    return (route) => (
      <LessonReader key={route.id} id={route.id} section={route.section} canOpen={canOpen} />
    );
  },
};

/** Screens already imported, so a route whose screen is loaded renders without a wait. */
const loaded = new Map<ScreenId, AnyRenderer>();

/** Imports a screen's code (once). A route to start on is loaded before the first render. */
export async function loadScreen(name: ScreenId): Promise<void> {
  if (loaded.has(name)) return;
  const loader = SCREENS[name] as (() => Promise<AnyRenderer>) | undefined;
  if (loader) loaded.set(name, await loader());
}

/** Every screen, one after another (in the background, after the first frame). */
async function loadAllScreens(): Promise<void> {
  for (const name of Object.keys(SCREENS) as ScreenId[]) await loadScreen(name);
}

export function App({ services, openStore, initialRoute = { name: 'home' } }: AppProps) {
  const { exit } = useApp();
  const [store, setStore] = useState(services.store);
  const [storeError, setStoreError] = useState<string>();
  useEffect(() => {
    if (store || !openStore) return;
    let live = true;
    const timer = setTimeout(() => {
      openStore().then(
        (opened) => live && setStore(opened),
        (error: unknown) => live && setStoreError((error as Error).message),
      );
    }, 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [store, openStore]);
  const value = useMemo(() => (store ? { ...services, store } : services), [services, store]);
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

  // After the first frame, load the other screens while the learner reads the menu.
  const [, setLoadedCount] = useState(loaded.size);
  useEffect(() => {
    const timer = setTimeout(() => void loadAllScreens(), 0);
    return () => clearTimeout(timer);
  }, []);
  // A route opened before its screen finished loading: load it now, draw when ready.
  const render = loaded.get(route.name);
  const pending = route.name !== 'home' && !render && route.name in SCREENS;
  const waitingForStore = route.name !== 'home' && !store;
  useEffect(() => {
    if (!pending) return;
    let live = true;
    void loadScreen(route.name).then(() => live && setLoadedCount(loaded.size));
    return () => {
      live = false;
    };
  }, [pending, route.name]);

  return (
    <ServicesContext.Provider value={value}>
      <NavigationContext.Provider value={navigation}>
        {storeError && route.name !== 'home' ? (
          <StoreErrorScreen message={storeError} />
        ) : pending || waitingForStore ? (
          <Text dimColor>Loading…</Text>
        ) : route.name !== 'home' && render ? (
          render(route)
        ) : (
          <Home available={available} initialScreen={lastOpened} storeError={storeError} />
        )}
      </NavigationContext.Provider>
    </ServicesContext.Provider>
  );
}

/** A screen that needs progress cannot open without it: say why, and let q/Esc go back. */
function StoreErrorScreen({ message }: { readonly message: string }) {
  const { back } = useNavigation();
  useInput((input, key) => {
    if (input === 'q' || key.escape) back();
  });
  return (
    <Text>
      <Text color="red">Your progress could not be opened: {message}</Text>
      <Text dimColor>{'\n'}q/esc back</Text>
    </Text>
  );
}
