/**
 * What every screen may use, handed in by the App (and by tests): the Docker adapter, the
 * content roots and their summary. Screens never construct these themselves.
 */
import { createContext, useContext } from 'react';
import type { CourseSummary } from '../content/course-summary.js';
import type { ContentRoot } from '../content/paths.js';
import type { Docker } from '../docker/index.js';
import type { ProgressStore } from '../progress/store.js';

export interface AppServices {
  readonly docker: Docker;
  readonly roots: readonly ContentRoot[];
  readonly summary: CourseSummary;
  /** The learner's progress (DOCKDRILL_HOME-aware, per profile). */
  readonly store: ProgressStore;
  /** dockdrill's data folder: progress, lab workspaces and journals. */
  readonly home: string;
}

export const ServicesContext = createContext<AppServices | undefined>(undefined);

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() outside <ServicesContext.Provider>');
  return services;
}
