/**
 * Evaluates checks against the engine. One round costs ONE `docker inspect` for all
 * container checks and ONE for all image checks (tags included), one `docker image history`
 * per distinct image, one throwaway container per `run` check, and no docker at all for
 * `file` and `registry`. `within` re-polls only the checks that still fail.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Docker } from '../../docker/index.js';
import { DockerTimeoutError } from '../../docker/errors.js';
import { imageHistory, type HistoryRow } from '../../docker/history.js';
import type {
  Check,
  ContainerCheck,
  FileCheck,
  HistoryCheck,
  ImageCheck,
  OutputCheck,
  RegistryCheck,
  RunCheck,
} from './schema.js';
import { isMatcherObject } from './schema.js';
import { compareExpect, compareField, show, type FieldResult } from './matchers.js';
import { inspectTar, NotATarError } from './tar.js';
import { LAB_LABEL, labLabelOf } from '../labels.js';
import { clientConfigDir } from '../steps.js';
import { workspaceFile } from '../workspace-path.js';
import { checkStep, runFlagsProblem } from '../step-policy.js';

export interface CheckResult {
  readonly check: Check;
  readonly passed: boolean;
  /** The check's own message when it failed (or a generated one); a summary when it passed. */
  readonly message: string;
  /** Field by field: what was wanted and what was found. */
  readonly fields: readonly FieldResult[];
  /** Lesson section to link (`lesson-id#section`). */
  readonly ref?: string;
}

export interface CheckContext {
  /** Working directory of `file` checks and `run` checks. */
  readonly workspace: string;
  /** Labels throwaway containers `dockdrill.lab=<labId>`. */
  readonly labId: string;
  readonly signal?: AbortSignal;
  /** When false, `within` is ignored and every check is evaluated once. Default true. */
  readonly wait?: boolean;
  /** Pause between re-polls of `within` checks (ms). Default 1000. */
  readonly pollMs?: number;
  /** What the named steps of a Verify probe printed, for `output` checks. */
  readonly outputs?: ReadonlyMap<string, StepOutput>;
  /**
   * Containers the lab declares: a `run` check may join one of these (`--network
   * container:NAME`, `--volumes-from`) or one labelled for the lab, never another.
   */
  readonly owned?: ReadonlySet<string>;
}

/** How a named Verify step ended. */
export interface StepOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

type DockerLike = Pick<Docker, 'run' | 'inspect'>;

/** A short name for a check, used in messages: `container web`, `image myapp:v1`. */
export function describeCheck(check: Check): string {
  switch (check.kind) {
    case 'container':
      return `container ${check.name}`;
    case 'image':
      return `image ${check.image}`;
    case 'history':
      return `history of ${check.image}`;
    case 'run':
      return `output of ${check.image}${check.args?.length ? ` ${check.args.join(' ')}` : ''}`;
    case 'file':
      return `file ${check.path}`;
    case 'registry':
      return `${check.registry}/${check.repository}:${check.tag}`;
    case 'output':
      return `output of step ${check.step}`;
  }
}

function result(check: Check, fields: FieldResult[], failureHint?: string): CheckResult {
  const passed = fields.length > 0 && fields.every((field) => field.ok);
  const name = describeCheck(check);
  let message: string;
  if (passed) message = `${name}: ok`;
  else if (check.message) message = check.message;
  else {
    const bad = fields.find((field) => !field.ok);
    message =
      failureHint ??
      (bad ? `${name}: ${bad.path} is ${bad.actual}, expected ${bad.expected}` : `${name}: failed`);
  }
  return { check, passed, message, fields, ...(check.ref ? { ref: check.ref } : {}) };
}

function presenceField(what: string, present: boolean, wantPresent: boolean): FieldResult {
  return {
    path: 'exists',
    expected: wantPresent ? `${what} present` : `${what} absent`,
    actual: present ? 'present' : 'absent',
    ok: present === wantPresent,
  };
}

function containerResult(
  check: ContainerCheck,
  object: Record<string, unknown> | undefined,
): CheckResult {
  if (check.absent) return result(check, [presenceField('container', object !== undefined, false)]);
  if (!object)
    return result(
      check,
      [presenceField('container', false, true)],
      `${describeCheck(check)}: there is no container named "${check.name}"`,
    );
  return result(check, [
    presenceField('container', true, true),
    ...compareExpect(object, check.expect ?? {}),
  ]);
}

function imageResult(
  check: ImageCheck,
  found: ReadonlyMap<string, Record<string, unknown>>,
): CheckResult {
  const object = found.get(check.image);
  if (check.absent) return result(check, [presenceField('image', object !== undefined, false)]);
  if (!object)
    return result(
      check,
      [presenceField('image', false, true)],
      `${describeCheck(check)}: there is no image "${check.image}"`,
    );
  const fields: FieldResult[] = [
    presenceField('image', true, true),
    ...compareExpect(object, check.expect ?? {}),
  ];
  if (check.layers !== undefined) {
    const layers = (object.RootFS as { Layers?: unknown[] } | undefined)?.Layers ?? [];
    fields.push(compareField('layers', check.layers, layers.length));
  }
  for (const tag of check.tags ?? []) {
    const tagged = found.get(tag);
    const ok = tagged !== undefined && tagged.Id === object.Id;
    const actual =
      tagged === undefined
        ? 'no such tag'
        : ok
          ? 'same image'
          : `another image (${String(tagged.Id).slice(7, 19)})`;
    fields.push({ path: `tag ${tag}`, expected: `points at ${check.image}`, actual, ok });
  }
  return result(check, fields);
}

/**
 * The classic builder turns `docker build --label` into a final `LABEL` history row (BuildKit
 * does not): leave the engine's own label row out so `rows` means the same for a learner's
 * unlabelled build and the engine's labelled one.
 */
function withoutEngineLabelRow(rows: HistoryRow[]): HistoryRow[] {
  return rows.filter(
    (row) => !/^(\/bin\/sh -c #\(nop\)\s+)?LABEL dockdrill\.lab=[^ ]*$/.test(row.createdBy.trim()),
  );
}

function historyResult(check: HistoryCheck, allRows: HistoryRow[] | undefined): CheckResult {
  const rows = allRows && withoutEngineLabelRow(allRows);
  if (!rows)
    return result(
      check,
      [presenceField('image', false, true)],
      `${describeCheck(check)}: there is no image "${check.image}"`,
    );
  const fields: FieldResult[] = [];
  if (check.rows !== undefined) fields.push(compareField('rows', check.rows, rows.length));
  // createdBy lists substrings newest first; each must be found in a later row than the previous.
  let from = 0;
  for (const [index, want] of (check.createdBy ?? []).entries()) {
    const at = rows.findIndex((row, i) => i >= from && row.createdBy.includes(want));
    const actualRow = rows[Math.min(from, rows.length - 1)];
    fields.push({
      path: `createdBy[${index}]`,
      expected: `a row (at or after row ${from}) containing ${show(want)}`,
      actual:
        at >= 0
          ? `row ${at}: ${show(rows[at]?.createdBy)}`
          : actualRow
            ? `not found; row ${from} is ${show(actualRow.createdBy)}`
            : 'no more rows',
      ok: at >= 0,
    });
    if (at >= 0) from = at + 1;
  }
  return result(check, fields);
}

/** Why a `run` check would join a container that is not the lab's, or undefined. */
async function foreignJoin(
  docker: DockerLike,
  check: RunCheck,
  ctx: CheckContext,
): Promise<string | undefined> {
  const { joins } = checkStep(['run', ...(check.flags ?? []), check.image]);
  if (joins.length === 0) return undefined;
  const batch = await docker.inspect('container', joins, { signal: ctx.signal });
  for (const [name, object] of batch.found)
    if (labLabelOf(object, 'container') !== ctx.labId && !ctx.owned?.has(name))
      return `will not join container "${name}": it is not this lab's (not labelled ${LAB_LABEL}=${ctx.labId}, not declared)`;
  return undefined;
}

function throwawayName(labId: string): string {
  return `dockdrill-check-${labId.replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 40)}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

async function runResult(
  docker: DockerLike,
  check: RunCheck,
  ctx: CheckContext,
): Promise<CheckResult> {
  // The step policy again at run time: a check may reach here without lint.
  const refused = runFlagsProblem(check.flags ?? []) ?? (await foreignJoin(docker, check, ctx));
  if (refused)
    return result(
      check,
      [{ path: 'flags', expected: 'flags the step policy allows', actual: refused, ok: false }],
      `${describeCheck(check)}: refused: ${refused}`,
    );
  const name = throwawayName(ctx.labId);
  const args = [
    'run',
    '--rm',
    '--pull',
    'never',
    '--label',
    `${LAB_LABEL}=${ctx.labId}`,
    '--name',
    name,
    ...(check.flags ?? []),
    check.image,
    ...(check.args ?? []),
  ];
  const timeoutMs = check.timeout * 1000;
  let out: { stdout: string; stderr: string; exitCode: number };
  try {
    out = await docker.run(args, {
      timeoutMs,
      signal: ctx.signal,
      cwd: ctx.workspace,
      reject: false,
    });
  } catch (error) {
    // The CLI is gone but the container may still run: remove it (it is ours, by name and label).
    await docker
      .run(['rm', '-f', '-v', name], { reject: false, timeoutMs: 15_000 })
      .catch(() => undefined);
    if (error instanceof DockerTimeoutError) {
      return result(
        check,
        [
          {
            path: 'finished',
            expected: `within ${check.timeout}s`,
            actual: 'still running',
            ok: false,
          },
        ],
        `${describeCheck(check)}: did not finish within ${check.timeout}s`,
      );
    }
    throw error;
  }
  if (out.exitCode === 125 && /unable to find image|no such image/i.test(out.stderr)) {
    return result(
      check,
      [presenceField('image', false, true)],
      `${describeCheck(check)}: there is no image "${check.image}"`,
    );
  }
  const fields: FieldResult[] = [];
  const stdout = out.stdout.trim();
  if (check.stdout !== undefined)
    fields.push({
      path: 'stdout',
      expected: show(check.stdout.trim()),
      actual: show(stdout),
      ok: stdout === check.stdout.trim(),
    });
  if (check.stdoutContains !== undefined) {
    fields.push({
      path: 'stdout',
      expected: `contains ${show(check.stdoutContains)}`,
      actual: show(stdout),
      ok: stdout.includes(check.stdoutContains),
    });
  }
  if (check.exitCode !== undefined)
    fields.push({
      path: 'exitCode',
      expected: String(check.exitCode),
      actual: String(out.exitCode),
      ok: out.exitCode === check.exitCode,
    });
  const stderr = out.stderr.trim();
  return result(
    check,
    fields,
    fields.every((f) => f.ok)
      ? undefined
      : stderr && out.exitCode !== 0 && check.exitCode === undefined
        ? `${describeCheck(check)}: exited ${out.exitCode}: ${stderr.split('\n')[0]}`
        : undefined,
  );
}

export { workspaceFile } from '../workspace-path.js';

/** `$DOCKER_CONFIG/...` in a file check names the private client config of the steps. */
const CLIENT_CONFIG_PREFIX = '$DOCKER_CONFIG/';

function checkedFile(workspace: string, path: string): string {
  if (path.startsWith(CLIENT_CONFIG_PREFIX))
    return workspaceFile(clientConfigDir(workspace), path.slice(CLIENT_CONFIG_PREFIX.length));
  return workspaceFile(workspace, path);
}

function fileResult(check: FileCheck, ctx: CheckContext): CheckResult {
  let full: string;
  try {
    full = checkedFile(ctx.workspace, check.path);
  } catch (error) {
    const why = (error as Error).message;
    return result(
      check,
      [{ path: 'path', expected: 'inside the workspace', actual: why, ok: false }],
      `${describeCheck(check)}: ${why}`,
    );
  }
  const present = existsSync(full) && statSync(full).isFile();
  const wantPresent = check.exists ?? true;
  const fields: FieldResult[] = [presenceField('file', present, wantPresent)];
  if (!present || !wantPresent)
    return result(
      check,
      fields,
      present === wantPresent
        ? undefined
        : `${describeCheck(check)}: ${present ? 'should not exist' : `not found (${full})`}`,
    );
  if (check.contains !== undefined) {
    const text = readFileSync(full, 'utf8');
    const ok = text.includes(check.contains);
    fields.push({
      path: 'contains',
      expected: `contains ${show(check.contains)}`,
      actual: ok ? 'found' : `not found (${text.length} characters)`,
      ok,
    });
  }
  if (check.tar) {
    const wanted =
      check.tar === 'save'
        ? 'an image archive (docker save)'
        : 'a container filesystem (docker export)';
    try {
      const summary = inspectTar(full);
      const found =
        summary.kind === 'save'
          ? 'an image archive (docker save)'
          : summary.kind === 'export'
            ? 'a container filesystem (docker export)'
            : 'an unrecognised tar';
      fields.push({
        path: 'tar',
        expected: wanted,
        actual: `${found}: ${summary.reason}`,
        ok: summary.kind === check.tar,
      });
    } catch (error) {
      if (!(error instanceof NotATarError)) throw error;
      fields.push({ path: 'tar', expected: wanted, actual: 'not a tar archive', ok: false });
    }
  }
  return result(check, fields);
}

async function registryResult(check: RegistryCheck, signal?: AbortSignal): Promise<CheckResult> {
  const url = `http://${check.registry}/v2/${check.repository}/tags/list`;
  const timeout = AbortSignal.timeout(5000);
  try {
    const response = await fetch(url, {
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    if (response.status === 404) {
      return result(check, [
        {
          path: 'repository',
          expected: `${check.repository} in ${check.registry}`,
          actual: 'no such repository',
          ok: false,
        },
      ]);
    }
    if (!response.ok) {
      return result(
        check,
        [{ path: 'registry', expected: 'HTTP 200', actual: `HTTP ${response.status}`, ok: false }],
        `${check.registry} answered HTTP ${response.status} for ${url}`,
      );
    }
    const body = (await response.json()) as { tags?: string[] | null };
    const tags = body.tags ?? [];
    return result(check, [
      {
        path: 'tags',
        expected: `contains ${show(check.tag)}`,
        actual: show(tags),
        ok: tags.includes(check.tag),
      },
    ]);
  } catch (error) {
    if (signal?.aborted) throw error;
    return result(
      check,
      [
        {
          path: 'registry',
          expected: `a registry answering at ${check.registry}`,
          actual: `no answer (${(error as Error).message})`,
          ok: false,
        },
      ],
      `cannot reach the registry at ${url}: is it running?`,
    );
  }
}

/** Plain text compares trimmed; a matcher map (`contains`, `matches`) sees the trimmed text. */
function textField(path: string, expected: unknown, text: string): FieldResult {
  const actual = text.trim();
  return isMatcherObject(expected)
    ? compareField(path, expected, actual)
    : compareField(path, String(expected).trim(), actual);
}

function outputResult(check: OutputCheck, output: StepOutput | undefined): CheckResult {
  if (!output)
    return result(
      check,
      [{ path: 'step', expected: `a step named ${check.step}`, actual: 'none ran', ok: false }],
      `${describeCheck(check)}: no step named "${check.step}" ran`,
    );
  const fields: FieldResult[] = [compareField('exitCode', check.exitCode ?? 0, output.exitCode)];
  if (check.stdout !== undefined) fields.push(textField('stdout', check.stdout, output.stdout));
  if (check.stderr !== undefined) fields.push(textField('stderr', check.stderr, output.stderr));
  if (check.lines !== undefined) {
    const lines = output.stdout.split('\n').filter((line) => line.trim() !== '').length;
    fields.push(compareField('lines', check.lines, lines));
  }
  return result(check, fields);
}

/** One evaluation of every check, batched as described at the top of this file. */
async function evaluateRound(
  docker: DockerLike,
  checks: readonly Check[],
  ctx: CheckContext,
): Promise<CheckResult[]> {
  const options = { signal: ctx.signal };
  const containerNames = checks
    .filter((c): c is ContainerCheck => c.kind === 'container')
    .map((c) => c.name);
  const imageRefs = checks
    .filter((c): c is ImageCheck => c.kind === 'image')
    .flatMap((c) => [c.image, ...(c.tags ?? [])]);
  const historyRefs = [
    ...new Set(checks.filter((c): c is HistoryCheck => c.kind === 'history').map((c) => c.image)),
  ];
  const [containers, images, histories] = await Promise.all([
    docker.inspect('container', containerNames, options),
    docker.inspect('image', imageRefs, options),
    Promise.all(
      historyRefs.map(async (ref) => [ref, await imageHistory(docker.run, ref, options)] as const),
    ),
  ]);
  const historyByRef = new Map(histories);
  return Promise.all(
    checks.map(async (check): Promise<CheckResult> => {
      switch (check.kind) {
        case 'container':
          return containerResult(check, containers.found.get(check.name));
        case 'image':
          return imageResult(check, images.found);
        case 'history':
          return historyResult(check, historyByRef.get(check.image));
        case 'run':
          return runResult(docker, check, ctx);
        case 'file':
          return fileResult(check, ctx);
        case 'registry':
          return registryResult(check, ctx.signal);
        case 'output':
          return outputResult(check, ctx.outputs?.get(check.step));
      }
    }),
  );
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolveSleep, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolveSleep();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Waiting helps only a check whose object is there but not settled yet (a restart loop, a
 * health check): one that wants an object that does not exist fails at once instead of
 * making the learner watch a spinner for `within` seconds.
 */
function worthWaiting(result: CheckResult): boolean {
  return !result.fields.some((f) => f.path === 'exists' && !f.ok && f.actual === 'absent');
}

/**
 * Evaluates `checks`; failing checks with `within: N` are re-polled (alone) for up to N
 * seconds, unless what they check does not exist (see `worthWaiting`).
 */
export async function runChecks(
  docker: DockerLike,
  checks: readonly Check[],
  ctx: CheckContext,
): Promise<CheckResult[]> {
  const started = Date.now();
  const results = await evaluateRound(docker, checks, ctx);
  if (ctx.wait === false) return results;
  for (;;) {
    const retry = results
      .map((r, index) => ({ r, index }))
      .filter(({ r }) => {
        const within = 'within' in r.check ? r.check.within : undefined;
        if (r.passed || within === undefined || !worthWaiting(r)) return false;
        return Date.now() - started < within * 1000;
      })
      .map(({ index }) => index);
    if (retry.length === 0) return results;
    await sleep(ctx.pollMs ?? 1000, ctx.signal);
    const again = await evaluateRound(
      docker,
      retry.map((index) => checks[index]!),
      ctx,
    );
    retry.forEach((index, i) => {
      results[index] = again[i]!;
    });
  }
}

/** Text lines for a failed check: its message, then each field as `path: found X, want Y`. */
export function formatCheckResult(r: CheckResult): string[] {
  const lines = [`${r.passed ? 'PASS' : 'FAIL'} ${r.message}`];
  if (!r.passed) {
    for (const f of r.fields)
      lines.push(`  ${f.ok ? 'ok ' : 'x  '} ${f.path}: found ${f.actual}, want ${f.expected}`);
    if (r.ref) lines.push(`  see ${r.ref}`);
  }
  return lines;
}
