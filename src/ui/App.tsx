/**
 * The app shell: which screen is showing, and the way back. Screens get services from
 * context and call `open`/`back`; the shell never does docker or file work itself.
 */
import { useApp } from 'ink';
import { useCallback, useState } from 'react';
import { ServicesContext, type AppServices } from './app-context.js';
import type { ScreenId } from './screens.js';
import { Doctor } from './screens/Doctor.js';
import { Home } from './screens/Home.js';

export interface AppProps {
  readonly services: AppServices;
  /** The screen to start on (a command such as `dockdrill doctor` may pick it). */
  readonly initialScreen?: ScreenId;
}

const AVAILABLE: ReadonlySet<ScreenId> = new Set<ScreenId>(['home', 'doctor']);

export function App({ services, initialScreen = 'home' }: AppProps) {
  const { exit } = useApp();
  const [stack, setStack] = useState<ScreenId[]>([initialScreen]);
  // The last screen opened from Home, so coming back highlights it again.
  const [lastOpened, setLastOpened] = useState<ScreenId>();
  const screen = stack[stack.length - 1] ?? 'home';

  const open = useCallback((next: ScreenId) => {
    setLastOpened(next);
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

  return (
    <ServicesContext.Provider value={services}>
      {screen === 'doctor' ? (
        <Doctor onBack={back} />
      ) : (
        <Home
          available={AVAILABLE}
          onOpen={open}
          onQuit={() => exit()}
          initialScreen={lastOpened}
        />
      )}
    </ServicesContext.Provider>
  );
}
