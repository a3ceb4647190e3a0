/**
 * `docker search`, offline. Docker Hub cannot be reached here, so this process serves a
 * stand-in for its search service (the v1 `_ping` and `search` endpoints, answering
 * every query with the same four repositories) and the real engine is asked to search
 * it with a registry prefix (`docker search 127.0.0.1:PORT/redis`). The stand-in does not
 * filter: what the output leaves out, the engine left out.
 *
 * Backs quizzes/07-pull-search-list.quiz.md: psl-search-official-stars (`stars=N` keeps
 * N or more, `is-official=true`, repeated filters must all match) and psl-search-scope
 * (search asks a registry's search service, never the local images; `registry:2` has no
 * search endpoint).
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  BUSYBOX,
  describeDocker,
  docker,
  dockerMaybe,
  TEST_LABEL,
  uniqueName,
} from '../helpers/docker.js';

const REPOSITORIES = [
  { name: 'redis', description: 'official', star_count: 120, is_official: true },
  { name: 'fan/redis', description: 'popular', star_count: 80, is_official: false },
  { name: 'edge/redis', description: 'exactly fifty', star_count: 50, is_official: false },
  { name: 'tiny/redis', description: 'few stars', star_count: 3, is_official: false },
];

/** docker without blocking this process (the stand-in answering it lives here). */
function run(args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('docker', args, { timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? Number(error.code ?? 1) || 1 : 0, stdout, stderr }),
    );
  });
}

/** The NAME column of `docker search` output. */
const names = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(/\s+/)[0]);

describeDocker('docker search against a stand-in search service', () => {
  let server: Server | undefined;
  let index = '';
  const queries: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      res.setHeader('Content-Type', 'application/json');
      if (url.pathname === '/v1/_ping') return res.end('true');
      if (url.pathname !== '/v1/search') return res.writeHead(404).end();
      queries.push(url.searchParams.get('q') ?? '');
      res.end(
        JSON.stringify({
          query: url.searchParams.get('q'),
          num_results: REPOSITORIES.length,
          results: REPOSITORIES.map((r) => ({ ...r, is_automated: false })),
        }),
      );
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    index = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(() => {
    server?.close();
  });

  it('psl-search-official-stars: stars=N keeps N or more, is-official=true keeps official ones, both must match', async () => {
    const all = await run(['search', `${index}/redis`]);
    expect(all.status, all.stderr).toBe(0);
    expect(names(all.stdout)).toEqual(['redis', 'fan/redis', 'edge/redis', 'tiny/redis']);
    expect(all.stdout).toMatch(/^NAME\s+DESCRIPTION\s+STARS\s+OFFICIAL/);

    const stars = await run(['search', '--filter', 'stars=50', `${index}/redis`]);
    expect(names(stars.stdout)).toEqual(['redis', 'fan/redis', 'edge/redis']);
    const official = await run(['search', '-f', 'is-official=true', `${index}/redis`]);
    expect(names(official.stdout)).toEqual(['redis']);
    const both = await run([
      'search',
      '-f',
      'is-official=true',
      '-f',
      'stars=100',
      `${index}/redis`,
    ]);
    expect(names(both.stdout)).toEqual(['redis']);
    const none = await run([
      'search',
      '-f',
      'is-official=true',
      '-f',
      'stars=200',
      `${index}/redis`,
    ]);
    expect(names(none.stdout)).toEqual([]);

    // --format: one line per result from the template's fields.
    const formatted = await run([
      'search',
      '--format',
      '{{.Name}}: {{.StarCount}}',
      `${index}/redis`,
    ]);
    expect(formatted.stdout.trim().split('\n')).toEqual([
      'redis: 120',
      'fan/redis: 80',
      'edge/redis: 50',
      'tiny/redis: 3',
    ]);
  });

  it('psl-search-scope: search asks the search service, never the local images; registry:2 has none', async () => {
    const local = `${index}/ddt-local-only:1`;
    docker(['tag', BUSYBOX, local]);
    const registry = uniqueName('ddt-search-registry');
    try {
      queries.length = 0;
      const result = await run(['search', `${index}/ddt-local-only`]);
      expect(result.status, result.stderr).toBe(0);
      // The service was asked, and its answer is all there is: the local image of that
      // name is not added to it.
      expect(queries).toEqual(['ddt-local-only']);
      expect(names(result.stdout)).toEqual(REPOSITORIES.map((r) => r.name));

      docker([
        'run',
        '-d',
        '--name',
        registry,
        '--label',
        TEST_LABEL,
        '-p',
        '127.0.0.1::5000',
        'registry:2',
      ]);
      const port = docker(['port', registry, '5000/tcp']).split(':').pop();
      let refused = { status: 0, stdout: '', stderr: '' };
      for (let i = 0; i < 20; i++) {
        refused = await run(['search', `127.0.0.1:${port}/anything`]);
        if (/Unexpected status code 404/.test(refused.stderr)) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toMatch(/Unexpected status code 404/);
    } finally {
      dockerMaybe(['rm', '-f', '-v', registry]);
      dockerMaybe(['rmi', local]);
    }
  });

  it(
    'psl-search-scope: with no registry in the term, search goes to Docker Hub',
    { timeout: 90_000 },
    async () => {
      const result = await run(['search', uniqueName('ddt-hub-term')]);
      // Offline (as in CI) the error names Docker Hub's search address; online, Hub answers.
      if (result.status !== 0) expect(result.stderr).toContain('https://index.docker.io/v1/search');
      else expect(result.stdout).toMatch(/^NAME\s+DESCRIPTION\s+STARS/);
    },
  );
});
