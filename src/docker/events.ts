/**
 * `docker events` for watch mode: one long-running process that reports container and
 * image changes, so a lab screen can re-run its checks when something happens instead of
 * polling the engine.
 */
import type { DockerStreamer } from './stream.js';

export interface DockerEvent {
  /** `container` or `image`. */
  readonly type: string;
  /** e.g. `start`, `die`, `destroy`, `tag`, `untag`, `delete`. */
  readonly action: string;
  /** Container or image id (or the image reference for some image events). */
  readonly id: string;
  /** Attributes docker sends: `name`, `image`, labels ... */
  readonly attributes: Readonly<Record<string, string>>;
  /** Unix time in nanoseconds, as docker reports it. */
  readonly timeNano: number;
}

export interface WatchEventsOptions {
  readonly signal: AbortSignal;
  readonly onEvent: (event: DockerEvent) => void;
  /** Object types to report; default container and image. */
  readonly types?: readonly string[];
}

interface RawEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  timeNano?: number;
}

/** Parses one `{{json .}}` line of `docker events`; undefined for anything else. */
export function parseEventLine(line: string): DockerEvent | undefined {
  const text = line.trim();
  if (!text.startsWith('{')) return undefined;
  try {
    const raw = JSON.parse(text) as RawEvent;
    return {
      type: raw.Type ?? '',
      action: raw.Action ?? raw.status ?? '',
      id: raw.Actor?.ID ?? raw.id ?? '',
      attributes: raw.Actor?.Attributes ?? {},
      timeNano: raw.timeNano ?? 0,
    };
  } catch {
    return undefined;
  }
}

/**
 * Streams events until the signal aborts (then resolves). Throws the adapter's typed error
 * when docker cannot be started or the daemon is down.
 */
export async function watchEvents(
  docker: { stream: DockerStreamer },
  options: WatchEventsOptions,
): Promise<void> {
  const types = options.types ?? ['container', 'image'];
  const args = [
    'events',
    '--format',
    '{{json .}}',
    ...types.flatMap((type) => ['--filter', `type=${type}`]),
  ];
  await docker.stream(args, {
    signal: options.signal,
    onLine: (line) => {
      const event = parseEventLine(line);
      if (event) options.onEvent(event);
    },
  });
}
