/**
 * The learner's engine, spelled out for a docker CLI that runs with another client config.
 * dockdrill gives credential steps a private `--config` folder (labs/steps.ts); that folder
 * holds none of the learner's contexts, so a learner whose current context is not the
 * default one (rootless Docker, Docker Desktop, a remote engine) would have those steps go
 * to the default socket instead. This reads the current context once, with the learner's
 * own config, and turns it into DOCKER_HOST (and the TLS variables) for such steps.
 */
import { join } from 'node:path';
import type { DockerRunner } from './run.js';

/** Environment for a docker CLI with a private --config to reach the learner's engine. */
export type EndpointEnv = Readonly<Record<string, string | undefined>>;

interface ContextJson {
  readonly Name?: string;
  readonly Endpoints?: {
    readonly docker?: { readonly Host?: string; readonly SkipTLSVerify?: boolean };
  };
  readonly Storage?: { readonly TLSPath?: string };
  readonly TLSMaterial?: { readonly docker?: readonly string[] };
}

/** The env that keeps the learner's current context; {} when the default already does. */
export function endpointEnvFor(context: ContextJson, env: NodeJS.ProcessEnv): EndpointEnv {
  // DOCKER_HOST in the environment is inherited by the child and wins anyway.
  if (env.DOCKER_HOST) return {};
  const host = context.Endpoints?.docker?.Host;
  if (!host || (context.Name === 'default' && !env.DOCKER_CONTEXT)) return {};
  const out: Record<string, string | undefined> = {
    DOCKER_HOST: host,
    // The private config cannot resolve a context name: drop it for the child.
    DOCKER_CONTEXT: undefined,
  };
  const material = context.TLSMaterial?.docker ?? [];
  const tlsPath = context.Storage?.TLSPath;
  if (material.length && tlsPath && !tlsPath.startsWith('<')) {
    out.DOCKER_CERT_PATH = join(tlsPath, 'docker');
    if (!context.Endpoints?.docker?.SkipTLSVerify) out.DOCKER_TLS_VERIFY = '1';
  }
  return out;
}

const cache = new WeakMap<object, Promise<EndpointEnv>>();

/** Asks `docker context inspect` once per runner; an engine without contexts gives {}. */
export function endpointEnv(run: DockerRunner, key: object = run): Promise<EndpointEnv> {
  let cached = cache.get(key);
  if (!cached) {
    cached = run(['context', 'inspect', '--format', '{{json .}}'], {
      reject: false,
      timeoutMs: 10_000,
    }).then(
      (result) => {
        if (result.exitCode !== 0) return {};
        try {
          return endpointEnvFor(JSON.parse(result.stdout) as ContextJson, process.env);
        } catch {
          return {};
        }
      },
      () => ({}),
    );
    cache.set(key, cached);
  }
  return cached;
}
