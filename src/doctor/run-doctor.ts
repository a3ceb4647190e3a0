/**
 * `dockdrill doctor`: everything a lab needs from the learner's machine, each check with a
 * status and, when something is wrong, the fix. Plain TypeScript: the command prints it as
 * a table or JSON, the Doctor screen renders it with Ink.
 */
import { statfsSync } from 'node:fs';
import { DockerError, type Docker, type EngineInfo } from '../docker/index.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface DoctorCheck {
  readonly id: string;
  readonly title: string;
  readonly status: CheckStatus;
  readonly detail: string;
  readonly fix?: string;
}

export interface DoctorReport {
  readonly checks: readonly DoctorCheck[];
  /** Labs can run: the CLI works and the daemon answers with enough permission. */
  readonly canRunLabs: boolean;
  readonly engine?: EngineInfo;
}

export interface DoctorOptions {
  /** Images the labs need (from the course summary). */
  readonly labImages: readonly string[];
  readonly signal?: AbortSignal;
  /** Under this many free bytes in Docker's root dir, warn. */
  readonly minFreeBytes?: number;
}

const GIB = 1024 ** 3;

export async function runDoctor(docker: Docker, options: DoctorOptions): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  let engine: EngineInfo;
  try {
    engine = await docker.info({ signal: options.signal });
  } catch (error) {
    checks.push(...failureChecks(error));
    return { checks, canRunLabs: false };
  }

  checks.push({
    id: 'cli',
    title: 'docker CLI',
    status: 'ok',
    detail: `client ${engine.clientVersion}`,
  });
  checks.push({
    id: 'daemon',
    title: 'Docker daemon',
    status: 'ok',
    detail: `server ${engine.serverVersion} (${engine.operatingSystem})`,
  });
  checks.push({
    id: 'permissions',
    title: 'Socket permissions',
    status: 'ok',
    detail: 'the daemon accepts your requests',
  });
  checks.push({
    id: 'versions',
    title: 'API version',
    status: 'ok',
    detail: `API ${engine.apiVersion} (server supports up to ${engine.serverApiVersion}), ${engine.os}/${engine.arch}`,
  });
  checks.push({
    id: 'builder',
    title: 'Builder',
    status: 'ok',
    detail:
      engine.builder === 'buildkit'
        ? `BuildKit (${engine.builderReason})`
        : `classic builder (${engine.builderReason})`,
  });
  checks.push({
    id: 'image-store',
    title: 'Image store',
    status: 'ok',
    detail:
      engine.imageStore === 'containerd'
        ? `containerd image store (snapshotter ${engine.storageDriver})`
        : `classic graph driver store (storage driver ${engine.storageDriver})`,
  });
  checks.push(diskCheck(engine.rootDir, options.minFreeBytes ?? 2 * GIB));
  checks.push(await imagesCheck(docker, options.labImages, options.signal));
  return { checks, canRunLabs: true, engine };
}

function failureChecks(error: unknown): DoctorCheck[] {
  if (!(error instanceof DockerError)) {
    return [
      {
        id: 'daemon',
        title: 'Docker daemon',
        status: 'fail',
        detail: String(error),
        fix: 'Run `docker info` to see what is wrong.',
      },
    ];
  }
  const cli: DoctorCheck = {
    id: 'cli',
    title: 'docker CLI',
    status: 'ok',
    detail: 'found on PATH',
  };
  switch (error.kind) {
    case 'not-installed':
      return [
        { id: 'cli', title: 'docker CLI', status: 'fail', detail: error.message, fix: error.fix },
      ];
    case 'permission-denied':
      return [
        cli,
        {
          id: 'daemon',
          title: 'Docker daemon',
          status: 'ok',
          detail: 'running (its socket exists)',
        },
        {
          id: 'permissions',
          title: 'Socket permissions',
          status: 'fail',
          detail: error.message,
          fix: error.fix,
        },
      ];
    case 'daemon-unreachable':
      return [
        cli,
        {
          id: 'daemon',
          title: 'Docker daemon',
          status: 'fail',
          detail: error.message,
          fix: error.fix,
        },
      ];
    case 'timed-out':
      return [
        cli,
        {
          id: 'daemon',
          title: 'Docker daemon',
          status: 'fail',
          detail: error.message,
          fix: error.fix,
        },
      ];
    default:
      return [
        cli,
        {
          id: 'daemon',
          title: 'Docker daemon',
          status: 'fail',
          detail: error.message,
          fix: 'Run `docker info` to see what is wrong.',
        },
      ];
  }
}

function diskCheck(rootDir: string, minFree: number): DoctorCheck {
  const title = 'Free disk space';
  if (!rootDir)
    return { id: 'disk', title, status: 'ok', detail: "Docker's root dir is not reported" };
  try {
    const stats = statfsSync(rootDir);
    const free = stats.bavail * stats.bsize;
    const detail = `${(free / GIB).toFixed(1)} GiB free under ${rootDir}`;
    return free < minFree
      ? {
          id: 'disk',
          title,
          status: 'warn',
          detail,
          fix: 'Free some space: remove images you no longer need with `docker image rm`.',
        }
      : { id: 'disk', title, status: 'ok', detail };
  } catch {
    // Docker Desktop keeps its root dir inside a VM: nothing to measure from here.
    return {
      id: 'disk',
      title,
      status: 'ok',
      detail: `${rootDir} is not visible from this machine (Docker runs in a VM)`,
    };
  }
}

async function imagesCheck(
  docker: Docker,
  images: readonly string[],
  signal?: AbortSignal,
): Promise<DoctorCheck> {
  const title = 'Lab images';
  if (images.length === 0)
    return { id: 'images', title, status: 'ok', detail: 'no lab needs an image' };
  const { missing } = await docker.inspect('image', images, { signal });
  if (missing.length === 0)
    return { id: 'images', title, status: 'ok', detail: `all present: ${images.join(', ')}` };
  return {
    id: 'images',
    title,
    status: 'warn',
    detail: `missing: ${missing.join(', ')}`,
    fix: `Labs pull them when online (\`docker pull ${missing[0]}\`). Offline: \`docker load -i images.tar\` from a machine that has them, or run scripts/make-lab-images.sh.`,
  };
}
