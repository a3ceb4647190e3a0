/**
 * What every screen may use, handed in by the App (and by tests): the Docker adapter, the
 * content roots and their summary, and the learner's progress. Screens never construct
 * these themselves.
 */
import { createContext, useContext } from 'react';
import type { CourseSummary } from '../content/course-summary.js';
import type { ContentRoot } from '../content/paths.js';
import type { Docker } from '../docker/index.js';
import type { ProgressStore } from '../progress/store.js';

/** What the home screen's first frame needs: nothing that loads the progress store's code. */
export interface ShellServices {
  readonly docker: Docker;
  readonly roots: readonly ContentRoot[];
  readonly summary: CourseSummary;
  /** dockdrill's data folder: progress, lab workspaces and journals. */
  readonly home: string;
  /**
   * The learner's progress (DOCKDRILL_HOME-aware, per profile). Absent only while the App
   * opens it after the home screen's first frame; other screens wait for it.
   */
  readonly store?: ProgressStore;
}

export interface AppServices extends ShellServices {
  readonly store: ProgressStore;
}

export const ServicesContext = createContext<ShellServices | undefined>(undefined);

/** The services of a screen other than Home: the App renders those only once `store` is open. */
export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() outside <ServicesContext.Provider>');
  if (!services.store) throw new Error('useServices() before the progress store was opened');
  return services as AppServices;
}

/** The services the home screen uses; `store` may still be opening. */
export function useShellServices(): ShellServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useShellServices() outside <ServicesContext.Provider>');
  return services;
}
