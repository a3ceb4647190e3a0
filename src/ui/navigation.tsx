/**
 * How screens move: open a route on top, go back to the previous one, or quit the app.
 * Provided by the App; tests can provide their own to observe navigation.
 */
import { createContext, useContext } from 'react';
import type { Route } from './screens.js';

export interface Navigation {
  readonly open: (route: Route) => void;
  /** Back to the previous screen; quits when there is none. */
  readonly back: () => void;
  readonly quit: () => void;
}

export const NavigationContext = createContext<Navigation | undefined>(undefined);

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation() outside <NavigationContext.Provider>');
  return navigation;
}
