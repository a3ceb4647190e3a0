import { describe, expect, it } from 'vitest';
import { matchCommand, parseDockerCommand } from '../../src/quiz/command-match.js';
import { splitShellWords } from '../../src/content/shell-words.js';

describe('splitShellWords', () => {
  it.each([
    [`docker run -e 'A=1 2' busybox`, ['docker', 'run', '-e', 'A=1 2', 'busybox']],
    [`docker inspect -f "{{.Config.Cmd}}" x`, ['docker', 'inspect', '-f', '{{.Config.Cmd}}', 'x']],
    [`docker run a\\ b "say \\"hi\\""`, ['docker', 'run', 'a b', 'say "hi"']],
    [`docker  ps   -a  # list all`, ['docker', 'ps', '-a']],
    [`docker run -v $(pwd):/app x`, ['docker', 'run', '-v', '$(pwd):/app', 'x']],
    [`docker ''`, ['docker', '']],
  ])('%s', (text, words) => {
    expect(splitShellWords(text)).toEqual({ ok: true, words });
  });

  it('refuses unclosed quotes and shell operators', () => {
    expect(splitShellWords(`docker run "busybox`)).toEqual({
      ok: false,
      error: 'a double quote is not closed',
    });
    expect(splitShellWords(`docker ps | grep web`).ok).toBe(false);
  });
});

// [typed, accepted answers, expected match, expected message (exact) or undefined for any]
const rows: [string, string[], 'exact' | 'close' | 'wrong', string?][] = [
  // aliases
  ['docker images', ['docker image ls'], 'exact'],
  ['docker image list', ['docker images'], 'exact'],
  ['docker rmi busybox:1.36', ['docker image rm busybox:1.36'], 'exact'],
  ['docker image remove busybox:1.36', ['docker rmi busybox:1.36'], 'exact'],
  ['docker container ps', ['docker ps'], 'exact'],
  ['docker container list', ['docker container ls'], 'exact'],
  ['docker container run busybox:1.36', ['docker run busybox:1.36'], 'exact'],
  ['docker container rm web', ['docker rm web'], 'exact'],
  ['docker image import rootfs.tar base:1', ['docker import rootfs.tar base:1'], 'exact'],
  ['docker image save -o b.tar busybox:1.36', ['docker save -o b.tar busybox:1.36'], 'exact'],
  ['docker image load -i b.tar', ['docker load --input b.tar'], 'exact'],
  ['docker image tag a:1 b:1', ['docker tag a:1 b:1'], 'exact'],
  ['docker image history busybox:1.36', ['docker history busybox:1.36'], 'exact'],
  ['docker image build -t app .', ['docker build -t app .'], 'exact'],
  ['docker builder build -t app .', ['docker build --tag app .'], 'exact'],
  ['docker container commit web app:2', ['docker commit web app:2'], 'exact'],
  ['docker container export -o fs.tar web', ['docker export --output fs.tar web'], 'exact'],
  ['docker container logs web', ['docker logs web'], 'exact'],
  ['docker inspect web', ['docker container inspect web'], 'exact'],
  // whitespace, quoting, flag order, = forms
  ['  docker   ps   -a  ', ['docker ps -a'], 'exact'],
  ['docker run --rm --name web busybox:1.36', ['docker run --name web --rm busybox:1.36'], 'exact'],
  ['docker run --name=web busybox:1.36', ['docker run --name web busybox:1.36'], 'exact'],
  ['docker run --name "web" busybox:1.36', ['docker run --name web busybox:1.36'], 'exact'],
  ['docker rm --force=true web', ['docker rm -f web'], 'exact'],
  ['docker run --rm=false busybox:1.36', ['docker run busybox:1.36'], 'exact'],
  ['$ docker ps', ['docker ps'], 'exact'],
  // short vs long, combined short flags, value-taking shorts
  ['docker run -it busybox:1.36 sh', ['docker run -i -t busybox:1.36 sh'], 'exact'],
  ['docker run -ti busybox:1.36 sh', ['docker run --interactive --tty busybox:1.36 sh'], 'exact'],
  ['docker run -dp 8080:80 web:1', ['docker run --detach --publish 8080:80 web:1'], 'exact'],
  ['docker run -p8080:80 web:1', ['docker run -p 8080:80 web:1'], 'exact'],
  ['docker images -q', ['docker image ls --quiet'], 'exact'],
  ['docker ps --all', ['docker ps -a'], 'exact'],
  ['docker ps -f status=exited', ['docker ps --filter status=exited'], 'exact'],
  ['docker rm -f web', ['docker rm --force web'], 'exact'],
  [
    'docker build -f Dockerfile.dev -t app .',
    ['docker build --file Dockerfile.dev --tag app .'],
    'exact',
  ],
  [
    'docker commit -a me -m "first" -c "CMD [\\"sh\\"]" web app',
    ['docker commit --author me --message first --change \'CMD ["sh"]\' web app'],
    'exact',
  ],
  ['docker import -c "ENV A=1" fs.tar x', ["docker import --change 'ENV A=1' fs.tar x"], 'exact'],
  ['docker logs -n 5 web', ['docker logs --tail 5 web'], 'exact'],
  ['docker logs -f web', ['docker logs --follow web'], 'exact'],
  [
    'docker exec -it -u root -w /tmp web sh',
    ['docker exec --interactive --tty --user root --workdir /tmp web sh'],
    'exact',
  ],
  ['docker stop -t 3 web', ['docker stop --time 3 web'], 'exact'],
  [
    'docker inspect -f "{{ .Config.Cmd }}" web',
    ["docker inspect --format '{{.Config.Cmd}}' web"],
    'exact',
  ],
  [
    'docker run -v data:/data -e B=2 -e A=1 busybox:1.36',
    ['docker run -e A=1 --volume data:/data --env B=2 busybox:1.36'],
    'exact',
  ],
  // flags after the image belong to the container's command
  ['docker run busybox:1.36 ls -a', ['docker run busybox:1.36 ls -a'], 'exact'],
  [
    'docker run busybox:1.36 ls -a',
    ['docker run -a stdout busybox:1.36 ls'],
    'close',
    'close: you are missing `-a stdout`; unexpected argument `-a`',
  ],
  // near misses with the exact message
  ['docker image ls', ['docker image ls --digests'], 'close', 'close: you are missing `--digests`'],
  [
    'docker logs --tail 10 web',
    ['docker logs --tail 5 web'],
    'close',
    'close: `--tail` should be 5, not 10',
  ],
  [
    'docker logs -n 10 web',
    ['docker logs --tail 5 web'],
    'close',
    'close: `--tail` should be 5, not 10',
  ],
  ['docker ps -a', ['docker ps'], 'close', 'close: unexpected flag `-a`'],
  [
    'docker images --no-trunc',
    ['docker images --digests'],
    'close',
    'close: you are missing `--digests`; unexpected flag `--no-trunc`',
  ],
  [
    'docker run -e A=1 busybox:1.36',
    ['docker run -e A=1 -e B=2 busybox:1.36'],
    'close',
    'close: you are missing `-e B=2`',
  ],
  [
    'docker run -e A=1 -e A=1 busybox:1.36',
    ['docker run -e A=1 busybox:1.36'],
    'close',
    'close: unexpected flag `-e A=1`',
  ],
  [
    'docker tag app:1 app:2',
    ['docker tag app:1 app:latest'],
    'close',
    'close: argument 2 should be `app:latest`, not `app:2`',
  ],
  [
    'docker save -o b.tar',
    ['docker save -o b.tar busybox:1.36'],
    'close',
    'close: you are missing the argument `busybox:1.36`',
  ],
  ['docker rm web db', ['docker rm web'], 'close', 'close: unexpected argument `db`'],
  ['docker run -d busybox:1.36', ['docker run -it busybox:1.36'], 'wrong'],
  [
    'docker container ls',
    ['docker image ls'],
    'wrong',
    'wrong: `docker container ls` is not the command this asks for',
  ],
  ['docker rm busybox:1.36', ['docker rmi busybox:1.36'], 'wrong'],
  [
    'docker save busybox:1.36 > b.tar',
    ['docker save -o b.tar busybox:1.36'],
    'wrong',
    'wrong: only one docker command is expected, without `>`',
  ],
  ['podman ps', ['docker ps'], 'wrong', 'wrong: the answer should be a `docker` command'],
  ['docker logs --tail', ['docker logs --tail 5 web'], 'wrong', 'wrong: `--tail` needs a value'],
  ['', ['docker ps'], 'wrong', 'wrong: no command given'],
  // best of several accepted answers
  [
    'docker container logs -n 4 web',
    ['docker ps', 'docker logs --tail 5 web'],
    'close',
    'close: `--tail` should be 5, not 4',
  ],
  ['docker image ls -a', ['docker image ls --digests', 'docker image ls --all'], 'exact'],
];

describe('matchCommand', () => {
  it('has a large table', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
  });

  it.each(rows)('%j against %j is %s', (typed, accept, match, message) => {
    const result = matchCommand(typed, accept);
    expect(result.match, result.message).toBe(match);
    if (message !== undefined) expect(result.message).toBe(message);
  });

  it('knows -f means different flags in different commands', () => {
    const flagKey = (text: string) => {
      const parsed = parseDockerCommand(text);
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.parsed.flags[0]?.key;
    };
    expect(flagKey('docker rm -f x')).toBe('force');
    expect(flagKey('docker ps -f x=y')).toBe('filter');
    expect(flagKey('docker build -f D .')).toBe('file');
    expect(flagKey('docker inspect -f T x')).toBe('format');
    expect(flagKey('docker logs -f x')).toBe('follow');
    expect(flagKey('docker load -i x.tar')).toBe('input');
    expect(flagKey('docker run -i x')).toBe('interactive');
    expect(flagKey('docker build -t x .')).toBe('tag');
    expect(flagKey('docker run -t x')).toBe('tty');
    expect(flagKey('docker commit -a me x')).toBe('author');
    expect(flagKey('docker ps -a')).toBe('all');
  });

  it('keeps a value-taking short flag from swallowing the next flag letters wrongly', () => {
    const parsed = parseDockerCommand('docker run -itp 80:80 -e=A=1 busybox:1.36 sh -c "echo hi"');
    expect(parsed.ok && parsed.parsed).toMatchObject({
      command: 'container run',
      flags: [
        { key: 'interactive', value: 'true' },
        { key: 'tty', value: 'true' },
        { key: 'publish', value: '80:80' },
        { key: 'env', value: 'A=1' },
      ],
      args: ['busybox:1.36', 'sh', '-c', 'echo hi'],
    });
  });
});

describe('--mount values', () => {
  it('ignores the order of keys and knows their aliases', async () => {
    const { matchCommand } = await import('../../src/quiz/command-match.js');
    const accepted = ['docker run --mount type=tmpfs,destination=/scratch busybox:1.36'];
    expect(
      matchCommand('docker run --mount target=/scratch,type=tmpfs busybox:1.36', accepted).match,
    ).toBe('exact');
    expect(
      matchCommand('docker run --mount type=tmpfs,dst=/scratch busybox:1.36', accepted).match,
    ).toBe('exact');
    expect(
      matchCommand('docker run --mount type=tmpfs,target=/other busybox:1.36', accepted).match,
    ).not.toBe('exact');
  });
});

describe('switches that default to on', () => {
  it('--pause=false is not the same as leaving --pause out', async () => {
    const { matchCommand } = await import('../../src/quiz/command-match.js');
    const accepted = ['docker commit --pause=false db db:snap'];
    expect(matchCommand('docker commit --pause=false db db:snap', accepted).match).toBe('exact');
    expect(matchCommand('docker commit -p=false db db:snap', accepted).match).toBe('exact');
    expect(matchCommand('docker commit db db:snap', accepted).match).not.toBe('exact');
    expect(
      matchCommand('docker commit --pause db db:snap', ['docker commit db db:snap']).match,
    ).toBe('exact');
  });
});
