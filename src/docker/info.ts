/**
 * What the learner's engine is: versions, builder, image store, storage driver, platform,
 * insecure registries. Two docker calls (`version` and `info`), run side by side.
 */
import type { DockerRunner, RunOptions } from './run.js';

export type Builder = 'buildkit' | 'classic';
export type ImageStore = 'containerd' | 'graphdriver';

export interface EngineInfo {
  readonly clientVersion: string;
  readonly serverVersion: string;
  /** The API version the client and server agreed on. */
  readonly apiVersion: string;
  /** The newest API version the server supports. */
  readonly serverApiVersion: string;
  /** Which builder `docker build` will use here. */
  readonly builder: Builder;
  /** Why we think so, e.g. "buildx plugin installed" or "DOCKER_BUILDKIT=0". */
  readonly builderReason: string;
  readonly buildxAvailable: boolean;
  readonly imageStore: ImageStore;
  readonly storageDriver: string;
  readonly os: string;
  readonly arch: string;
  readonly operatingSystem: string;
  readonly rootDir: string;
  readonly insecureRegistries: readonly string[];
  readonly cgroupVersion: string;
  readonly warnings: readonly string[];
}

interface VersionJson {
  Client?: { Version?: string; ApiVersion?: string };
  Server?: { Version?: string; ApiVersion?: string } | null;
}

interface InfoJson {
  ServerVersion?: string;
  Driver?: string;
  DriverStatus?: [string, string][] | null;
  OSType?: string;
  Architecture?: string;
  OperatingSystem?: string;
  DockerRootDir?: string;
  CgroupVersion?: string;
  Warnings?: string[] | null;
  RegistryConfig?: {
    InsecureRegistryCIDRs?: string[] | null;
    IndexConfigs?: Record<string, { Name?: string; Secure?: boolean }> | null;
  };
  ClientInfo?: { Version?: string; Plugins?: { Name?: string }[] | null };
}

export async function getEngineInfo(
  run: DockerRunner,
  options: RunOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<EngineInfo> {
  const [versionOut, infoOut] = await Promise.all([
    run(['version', '--format', '{{json .}}'], options),
    run(['info', '--format', '{{json .}}'], options),
  ]);
  const version = JSON.parse(versionOut.stdout) as VersionJson;
  const info = JSON.parse(infoOut.stdout) as InfoJson;
  return parseEngineInfo(version, info, env);
}

/** Pure part of getEngineInfo, separated so the decisions can be tested on fixtures. */
export function parseEngineInfo(
  version: VersionJson,
  info: InfoJson,
  env: NodeJS.ProcessEnv,
): EngineInfo {
  const plugins = (info.ClientInfo?.Plugins ?? []).map((p) => p.Name ?? '');
  const buildxAvailable = plugins.includes('buildx');
  const { builder, reason } = decideBuilder(buildxAvailable, env.DOCKER_BUILDKIT);
  const driverType = (info.DriverStatus ?? []).find(([key]) => key === 'driver-type')?.[1] ?? '';
  const insecure = new Set<string>(info.RegistryConfig?.InsecureRegistryCIDRs ?? []);
  for (const [name, cfg] of Object.entries(info.RegistryConfig?.IndexConfigs ?? {})) {
    if (cfg.Secure === false) insecure.add(cfg.Name ?? name);
  }
  return {
    clientVersion: version.Client?.Version ?? info.ClientInfo?.Version ?? 'unknown',
    serverVersion: version.Server?.Version ?? info.ServerVersion ?? 'unknown',
    apiVersion: version.Client?.ApiVersion ?? 'unknown',
    serverApiVersion: version.Server?.ApiVersion ?? 'unknown',
    builder,
    builderReason: reason,
    buildxAvailable,
    imageStore: driverType.includes('containerd') ? 'containerd' : 'graphdriver',
    storageDriver: info.Driver ?? 'unknown',
    os: info.OSType ?? 'unknown',
    arch: info.Architecture ?? 'unknown',
    operatingSystem: info.OperatingSystem ?? 'unknown',
    rootDir: info.DockerRootDir ?? '',
    insecureRegistries: [...insecure],
    cgroupVersion: info.CgroupVersion ?? '',
    warnings: info.Warnings ?? [],
  };
}

/**
 * Since Docker 23 `docker build` is buildx (BuildKit) when the plugin is installed and the
 * legacy builder otherwise; DOCKER_BUILDKIT=0 forces the legacy builder, =1 asks for BuildKit
 * (which fails without buildx on new clients).
 */
function decideBuilder(
  buildx: boolean,
  envValue: string | undefined,
): { builder: Builder; reason: string } {
  if (envValue === '0') return { builder: 'classic', reason: 'DOCKER_BUILDKIT=0' };
  if (buildx) return { builder: 'buildkit', reason: 'buildx plugin installed' };
  return { builder: 'classic', reason: 'no buildx plugin: docker build uses the legacy builder' };
}
