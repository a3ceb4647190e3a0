import { describe, expect, it } from 'vitest';
import { ArgvError, parseDockerLine, splitArgv } from '../../src/labs/argv.js';
import { createdObjects, globalFlagProblem, injectLabel } from '../../src/labs/labels.js';

describe('injectLabel', () => {
  it('puts the label right after the subcommand of creating commands', () => {
    expect(injectLabel(['run', '-d', '--name', 'web', 'busybox:1.36'], 'lab1')).toEqual([
      'run',
      '--label',
      'dockdrill.lab=lab1',
      '-d',
      '--name',
      'web',
      'busybox:1.36',
    ]);
    expect(injectLabel(['container', 'create', 'busybox:1.36'], 'l')).toEqual([
      'container',
      'create',
      '--label',
      'dockdrill.lab=l',
      'busybox:1.36',
    ]);
    expect(injectLabel(['image', 'build', '-t', 'x', '.'], 'l').slice(0, 4)).toEqual([
      'image',
      'build',
      '--label',
      'dockdrill.lab=l',
    ]);
    expect(injectLabel(['volume', 'create', 'data'], 'l')).toEqual([
      'volume',
      'create',
      '--label',
      'dockdrill.lab=l',
      'data',
    ]);
    expect(injectLabel(['network', 'create', 'net'], 'l')).toEqual([
      'network',
      'create',
      '--label',
      'dockdrill.lab=l',
      'net',
    ]);
    expect(injectLabel(['build', '.'], 'l')).toEqual(['build', '--label', 'dockdrill.lab=l', '.']);
  });

  it('leaves other commands alone', () => {
    expect(injectLabel(['tag', 'a', 'b'], 'l')).toEqual(['tag', 'a', 'b']);
    expect(injectLabel(['container', 'ls'], 'l')).toEqual(['container', 'ls']);
    expect(injectLabel(['exec', 'run', 'create'], 'l')).toEqual(['exec', 'run', 'create']);
  });
});

describe('createdObjects', () => {
  it('finds container names but not --name words in the container command', () => {
    expect(
      createdObjects([
        'run',
        '-d',
        '--name',
        'web',
        '--restart',
        'always',
        'busybox:1.36',
        'sh',
        '--name',
        'x',
      ]),
    ).toEqual([{ kind: 'container', name: 'web' }]);
    expect(createdObjects(['run', '-dit', '-e', 'A=1', '--name=db', 'busybox:1.36'])).toEqual([
      { kind: 'container', name: 'db' },
    ]);
    expect(createdObjects(['run', '--rm', 'busybox:1.36', 'echo', '--name', 'no'])).toEqual([]);
  });

  it('finds image tags of build, tag, commit and import', () => {
    expect(createdObjects(['build', '-t', 'a:1', '--tag', 'b:2', '-f', 'Dockerfile', '.'])).toEqual(
      [
        { kind: 'image', name: 'a:1' },
        { kind: 'image', name: 'b:2' },
      ],
    );
    expect(createdObjects(['tag', 'busybox:1.36', 'mine:1'])).toEqual([
      { kind: 'image', name: 'mine:1' },
    ]);
    expect(createdObjects(['image', 'tag', 'busybox:1.36', 'mine:2'])).toEqual([
      { kind: 'image', name: 'mine:2' },
    ]);
    expect(createdObjects(['commit', '-m', 'msg', 'web', 'snap:1'])).toEqual([
      { kind: 'image', name: 'snap:1' },
    ]);
    expect(createdObjects(['import', '-c', 'CMD ["sh"]', 'fs.tar', 'imported:1'])).toEqual([
      { kind: 'image', name: 'imported:1' },
    ]);
  });

  it('finds volumes and networks', () => {
    expect(createdObjects(['volume', 'create', '--driver', 'local', 'data'])).toEqual([
      { kind: 'volume', name: 'data' },
    ]);
    expect(createdObjects(['network', 'create', '-d', 'bridge', 'backend'])).toEqual([
      { kind: 'network', name: 'backend' },
    ]);
    expect(createdObjects(['ps', '-a'])).toEqual([]);
  });
});

describe('splitArgv', () => {
  it('splits like a shell: quotes, escapes, comments', () => {
    expect(
      splitArgv(`docker run --name "my web" -e 'A=$HOME' busybox:1.36 sh -c "echo \\"hi\\""`),
    ).toEqual([
      'docker',
      'run',
      '--name',
      'my web',
      '-e',
      'A=$HOME',
      'busybox:1.36',
      'sh',
      '-c',
      'echo "hi"',
    ]);
    expect(splitArgv('docker ps   # list')).toEqual(['docker', 'ps']);
    expect(splitArgv(`docker inspect --format '{{.Config.Cmd}}' web`)).toEqual([
      'docker',
      'inspect',
      '--format',
      '{{.Config.Cmd}}',
      'web',
    ]);
    expect(() => splitArgv('docker run "oops')).toThrow(ArgvError);
  });

  it('accepts only docker, and no shell operators', () => {
    expect(parseDockerLine('docker image ls')).toEqual(['image', 'ls']);
    expect(() => parseDockerLine('sudo docker ps')).toThrow(/only docker/);
    expect(() => parseDockerLine('docker ps && rm -rf /')).toThrow(/without a shell/);
    // One splitter for labs and quiz answers: an operator inside a word is refused too.
    expect(() => parseDockerLine('docker ps;ls')).toThrow(
      /without `;`: solutions run docker without a shell/,
    );
    expect(() => parseDockerLine('docker run busybox:1.36 echo hi>out.txt')).toThrow(/without `>`/);
    // Quoted, the same characters are plain text for the container's command.
    expect(parseDockerLine(`docker run busybox:1.36 sh -c 'echo hi > out.txt; ls'`)).toEqual([
      'run',
      'busybox:1.36',
      'sh',
      '-c',
      'echo hi > out.txt; ls',
    ]);
    expect(() => parseDockerLine('docker')).toThrow(/subcommand/);
  });
});

describe('createdObjects for commit and import', () => {
  it('knows that commit -a takes a value (the author)', async () => {
    const { createdObjects } = await import('../../src/labs/labels.js');
    expect(createdObjects(['commit', '-a', 'Ana', '-m', 'msg', 'web', 'web:v2'])).toEqual([
      { kind: 'image', name: 'web:v2' },
    ]);
    expect(createdObjects(['commit', '-p', 'web', 'web:v3'])).toEqual([
      { kind: 'image', name: 'web:v3' },
    ]);
    expect(
      createdObjects(['import', '-c', 'CMD ["sh"]', '-m', 'flat', 'rootfs.tar', 'flat:v1']),
    ).toEqual([{ kind: 'image', name: 'flat:v1' }]);
  });
});

describe('a step that starts with a docker global flag', () => {
  it('--config DIR is refused too: a pack must not choose the client config (its credsStore runs programs)', () => {
    for (const argv of [
      ['--config', './cfg', 'login', 'localhost:5000'],
      ['--config=.', 'build', '-t', 'x', '.'],
    ])
      expect(globalFlagProblem(argv)).toContain(`"${argv[0]}" is not allowed`);
    expect(() => parseDockerLine('docker --config . build -t x .')).toThrow(
      /"--config" is not allowed/,
    );
  });

  it('every other global flag is refused, naming it (it could reach another engine)', () => {
    for (const argv of [
      ['--host', 'tcp://x:2375', 'run', 'busybox'],
      ['-H', 'x', 'ps'],
      ['--context', 'c', 'ps'],
    ])
      expect(globalFlagProblem(argv)).toContain(`"${argv[0]}" is not allowed`);
    expect(() => parseDockerLine('docker -H tcp://elsewhere:2375 run -d busybox')).toThrow(
      /"-H" is not allowed/,
    );
  });
});
