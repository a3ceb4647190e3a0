/**
 * The Docker adapter: the only module tree that spawns processes. Screens and the core get
 * a `Docker` (through React context or an argument) and never call execa themselves.
 */
import { createRunner, type DockerRunner, type RunOptions, type RunnerOptions } from './run.js';
import { getEngineInfo, type EngineInfo } from './info.js';
import { inspectMany, type InspectBatch, type ObjectType } from './inspect.js';
import { createStreamer, type DockerStreamer } from './stream.js';

export * from './errors.js';
export type { EngineInfo, Builder, ImageStore } from './info.js';
export type { InspectBatch, ObjectType } from './inspect.js';
export type { RunOptions, RunResult, RunnerOptions, DockerRunner } from './run.js';
export type { DockerStreamer, StreamOptions, StreamResult } from './stream.js';

export class Docker {
  readonly run: DockerRunner;
  /** Long-running commands read line by line (`docker events`, `docker pull`). */
  readonly stream: DockerStreamer;
  /** How many docker processes this adapter has started (for batching tests and benches). */
  spawnCount = 0;

  constructor(options: RunnerOptions = {}) {
    const onSpawn = options.onSpawn;
    const counted = {
      ...options,
      onSpawn: (args: readonly string[]) => {
        this.spawnCount++;
        onSpawn?.(args);
      },
    };
    this.run = createRunner(counted);
    this.stream = createStreamer(counted);
  }

  info(options?: RunOptions): Promise<EngineInfo> {
    return getEngineInfo(this.run, options);
  }

  inspect<T extends Record<string, unknown> = Record<string, unknown>>(
    type: ObjectType,
    names: readonly string[],
    options?: RunOptions,
  ): Promise<InspectBatch<T>> {
    return inspectMany<T>(this.run, type, names, options);
  }

  /** True when the daemon answers a cheap call within the timeout. */
  async ping(options: RunOptions = {}): Promise<boolean> {
    try {
      await this.run(['version', '--format', '{{.Server.Version}}'], {
        timeoutMs: 5000,
        ...options,
      });
      return true;
    } catch {
      return false;
    }
  }
}
