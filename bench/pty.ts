/**
 * Time to first frame in a real pseudo-terminal. There is no node-pty here, so a small
 * Python script (python3's `pty` module) spawns each command on an 80x24 pty, reads until a
 * marker text shows up on the screen (escape sequences stripped) and reports the time from
 * spawn to that moment; a case without a marker is timed to its exit. Then it types `q`
 * (and after a grace period SIGTERM, SIGKILL) and waits for the process to end, so no run
 * overlaps the next. Cases are interleaved run by run, so every ratio compares samples
 * taken under the same machine load.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PtyCase {
  readonly name: string;
  readonly argv: readonly string[];
  /** Text that means the first frame is drawn; undefined: time to exit instead. */
  readonly marker?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

export interface PtySamples {
  readonly name: string;
  /** Milliseconds per run; NaN for a run where the marker never appeared. */
  readonly samples: number[];
  /** The last screen text of a failed run, to say why. */
  readonly failure?: string;
}

const HELPER = String.raw`
import json, os, pty, re, select, signal, struct, sys, time, fcntl, termios

ANSI = re.compile(rb'\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[@-Z\\-_])')

def reap(pid, timeout):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            return True
        time.sleep(0.01)
    return False

def run(case, cols, rows, timeout):
    marker = case.get('marker')
    wanted = marker.encode() if marker else None
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        try:
            if case.get('cwd'):
                os.chdir(case['cwd'])
            os.execvpe(case['argv'][0], case['argv'], case['env'])
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    raw = b''
    elapsed = None
    while time.perf_counter() - started < timeout:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if fd not in ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            chunk = b''
        raw += chunk
        if wanted and wanted in ANSI.sub(b'', raw):
            elapsed = time.perf_counter() - started
            break
        if not chunk:
            if not wanted:
                elapsed = time.perf_counter() - started
            break
    screen = ANSI.sub(b'', raw).decode('utf8', 'replace')
    # Leave politely (q), then firmly; drain the pty meanwhile so the app never blocks.
    try:
        os.write(fd, b'q')
    except OSError:
        pass
    deadline = time.perf_counter() + 4
    exited = False
    while time.perf_counter() < deadline and not exited:
        try:
            if select.select([fd], [], [], 0.02)[0]:
                os.read(fd, 65536)
        except OSError:
            pass
        exited = os.waitpid(pid, os.WNOHANG)[0] != 0
    if not exited:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                break
            if reap(pid, 2):
                break
    try:
        os.close(fd)
    except OSError:
        pass
    return {'ms': None if elapsed is None else elapsed * 1000, 'screen': screen[-600:]}

spec = json.load(sys.stdin)
results = []
for _ in range(spec['runs']):
    for case in spec['cases']:
        result = run(case, spec['cols'], spec['rows'], spec['timeout'])
        results.append({'name': case['name'], **result})
json.dump(results, sys.stdout)
`;

/** Writes the Python helper into `dir` and returns its path. */
export function writePtyHelper(dir: string): string {
  const file = join(dir, 'pty-first-frame.py');
  writeFileSync(file, HELPER);
  return file;
}

/** Ink draws only the last frame when it believes it runs in CI: hide that from the apps. */
export function terminalEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) continue;
    if (key === 'NODE_OPTIONS' || key === 'NO_COLOR' || key === 'FORCE_COLOR') continue;
    env[key] = value;
  }
  return { ...env, TERM: 'xterm-256color', ...extra };
}

export function firstFrames(
  helper: string,
  cases: readonly PtyCase[],
  runs: number,
  size = { columns: 80, rows: 24 },
  timeoutMs = 20_000,
): PtySamples[] {
  const spec = {
    runs,
    cols: size.columns,
    rows: size.rows,
    timeout: timeoutMs / 1000,
    cases: cases.map((c) => ({
      name: c.name,
      argv: c.argv,
      marker: c.marker ?? null,
      env: c.env,
      cwd: c.cwd ?? null,
    })),
  };
  const result = spawnSync('python3', [helper], {
    input: JSON.stringify(spec),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: runs * cases.length * (timeoutMs + 10_000) + 10_000,
  });
  if (result.status !== 0)
    throw new Error(`the pty helper failed (${result.status}): ${result.stderr || result.error}`);
  const rows = JSON.parse(result.stdout) as { name: string; ms: number | null; screen: string }[];
  return cases.map((c) => {
    const mine = rows.filter((row) => row.name === c.name);
    const failed = mine.find((row) => row.ms === null);
    return {
      name: c.name,
      samples: mine.map((row) => row.ms ?? Number.NaN),
      ...(failed ? { failure: failed.screen } : {}),
    };
  });
}
