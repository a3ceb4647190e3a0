/**
 * The step policy (src/labs/step-policy.ts): what a content step may ask docker to do.
 * One case per rule, allowed and refused, as lint sees it (no engine).
 */
import { describe, expect, it } from 'vitest';
import {
  checkStep,
  removalTargets,
  runFlagsProblem,
  stepPolicyProblem,
  workspacePathProblem,
} from '../../src/labs/step-policy.js';

const refused = (argv: string[], labId?: string) => stepPolicyProblem(argv, labId ? { labId } : {});

describe('the step policy', () => {
  it.each([
    [['run', '-d', '--name', 'web', '-p', '8080:80', 'busybox:1.36', 'sleep', '60']],
    [['run', '--rm', '-v', './:/out', '-w', '/out', 'busybox:1.36', 'sh', '-c', 'ls -v']],
    [['run', '-v', 'data:/data', '-v', '/cache', 'busybox:1.36']],
    [['run', '--mount', 'type=bind,source=./site,target=/www', 'busybox:1.36']],
    [['run', '--mount', 'type=tmpfs,destination=/scratch', 'busybox:1.36']],
    [
      [
        'run',
        '--network',
        'container:reg',
        'busybox:1.36',
        'wget',
        '-qO-',
        'http://localhost:5000/v2/',
      ],
    ],
    [['run', '--security-opt', 'no-new-privileges', '--read-only', 'busybox:1.36']],
    [['build', '-t', 'app:1', '-f', 'docker/Dockerfile', '.']],
    [['buildx', 'build', '--target', 'test', '-t', 'app:test', 'app']],
    [['save', '-o', 'images/app.tar', 'app:1']],
    [['load', '-i', 'app.tar']],
    [['cp', 'hash.sh', 'box:/hash.sh']],
    [['cp', 'box:/etc/hostname', './out/hostname']],
    [['volume', 'create', 'lab-data']],
    [['network', 'create', '--subnet', '10.213.77.0/29', 'labnet']],
    [['image', 'prune', '-f', '--filter', 'label=dockdrill.lab=my-lab']],
    [['login', '-u', 'alice', '-p', 'secret', '127.0.0.1:5000']],
    [['rmi', '-f', 'app:1']],
    [['system', 'df', '-v']],
  ])('allows %j', (argv) => {
    expect(refused(argv, 'my-lab')).toBeUndefined();
  });

  it.each([
    [['--config', '.', 'build', '.'], /"--config" is not allowed/],
    [['-H', 'tcp://x:2375', 'ps'], /"-H" is not allowed/],
    [['system', 'prune', '-a', '-f', '--volumes'], /"docker system prune" is not a command/],
    [['builder', 'prune', '-f'], /"docker builder prune" is not a command/],
    [['context', 'use', 'other'], /"docker context use" is not a command/],
    [['swarm', 'leave', '--force'], /"docker swarm leave" is not a command/],
    [['plugin', 'install', 'x/y'], /"docker plugin install" is not a command/],
    [
      ['volume', 'prune', '-f'],
      /must be scoped to the lab: add --filter label=dockdrill.lab=my-lab/,
    ],
    [['image', 'prune', '-a', '-f', '--filter', 'label=dockdrill.lab=other'], /must be scoped/],
    [['run', '--privileged', 'busybox:1.36'], /"--privileged" is not allowed/],
    [['run', '-dit', '--privileged', 'busybox:1.36'], /"--privileged" is not allowed/],
    [['create', '--cap-add', 'SYS_ADMIN', 'busybox:1.36'], /"--cap-add" is not allowed/],
    [['run', '--device=/dev/sda', 'busybox:1.36'], /"--device" is not allowed/],
    [['run', '--pid', 'host', 'busybox:1.36'], /"--pid host" is not allowed/],
    [['run', '--network=host', 'busybox:1.36'], /"--network host" is not allowed/],
    [['run', '--net', 'host', 'busybox:1.36'], /"--net host" is not allowed/],
    [['run', '--ipc=host', 'busybox:1.36'], /"--ipc host"/],
    [['run', '--uts', 'host', 'busybox:1.36'], /"--uts host"/],
    [['run', '--userns=host', 'busybox:1.36'], /"--userns host"/],
    [['run', '--security-opt', 'seccomp=unconfined', 'busybox:1.36'], /only no-new-privileges/],
    [['run', '--security-opt', 'apparmor=unconfined', 'busybox:1.36'], /only no-new-privileges/],
    [['run', '-v', '/tmp:/host', 'busybox:1.36'], /bind source "\/tmp" is an absolute host path/],
    [
      ['run', '-v', '/var/run/docker.sock:/var/run/docker.sock', 'busybox:1.36'],
      /absolute host path/,
    ],
    [['run', '-v', '../client-config:/c', 'busybox:1.36'], /leaves the workspace/],
    [['run', '-v', './a/../../x:/c', 'busybox:1.36'], /leaves the workspace/],
    [['run', '-v', '~/.ssh:/k', 'busybox:1.36'], /home folder/],
    [['run', '-v/etc:/e', 'busybox:1.36'], /absolute host path/],
    [['run', '--mount', 'type=bind,src=/,dst=/host', 'busybox:1.36'], /absolute host path/],
    [
      [
        'run',
        '--mount',
        'type=volume,src=v,dst=/d,volume-opt=device=/etc,volume-opt=o=bind',
        'busybox:1.36',
      ],
      /volume-opt/,
    ],
    [['volume', 'create', '-o', 'device=/etc', '-o', 'o=bind', 'v'], /"-o" is not allowed/],
    [['volume', 'create', '--driver', 'sshfs', 'v'], /volume driver "sshfs"/],
    [['network', 'create', '-d', 'macvlan', 'n'], /network driver "macvlan"/],
    [
      ['run', '--label', 'dockdrill.lab=other-lab', 'busybox:1.36'],
      /cannot set the dockdrill.lab label/,
    ],
    [['run', '-l', 'dockdrill.lab', 'busybox:1.36'], /cannot set the dockdrill.lab label/],
    [['build', '--label=dockdrill.lab=x', '.'], /cannot set the dockdrill.lab label/],
    [['run', '--label-file', 'labels', 'busybox:1.36'], /"--label-file" is not allowed/],
    [['build', '-t', 'x', '/'], /"\/" is an absolute host path/],
    [['build', '-t', 'x', '-f', '/etc/Dockerfile', '.'], /-f "\/etc\/Dockerfile"/],
    [['build', '--secret', 'id=k,src=/root/.ssh/id_rsa', '.'], /"--secret" is not allowed/],
    [['build', '-o', 'type=local,dest=/', '.'], /"-o" is not allowed/],
    [['save', '-o', '/etc/passwd', 'busybox:1.36'], /-o "\/etc\/passwd" is an absolute/],
    [['image', 'save', '--output=../x.tar', 'busybox:1.36'], /--output "..\/x.tar" leaves/],
    [['load', '-i', '/etc/shadow'], /-i "\/etc\/shadow"/],
    [['import', '/etc/passwd', 'x:1'], /"\/etc\/passwd" is an absolute host path/],
    [['cp', 'box:/etc/hostname', '/tmp/x'], /"\/tmp\/x" is an absolute/],
    [['run', '--env-file', '/etc/environment', 'busybox:1.36'], /--env-file/],
    [['exec', '--privileged', 'box', 'sh'], /"--privileged" is not allowed/],
  ])('refuses %j', (argv, why) => {
    expect(refused(argv, 'my-lab')).toMatch(why);
  });

  it('reads only docker flags: the container command after the image is its own business', () => {
    expect(refused(['run', 'busybox:1.36', 'sh', '-c', 'grep -v --privileged x'])).toBeUndefined();
    expect(refused(['run', 'busybox:1.36', 'ls', '-v', '/etc'])).toBeUndefined();
  });

  it('a switch never hides the next flag: --init is a switch, so --privileged after it is seen', () => {
    expect(refused(['run', '--init', '--privileged', 'busybox:1.36'])).toMatch(/--privileged/);
    expect(refused(['run', '-e', 'A=1', '--privileged', 'busybox:1.36'])).toMatch(/--privileged/);
  });

  it('lint, without the lab id, accepts a prune scoped to any dockdrill.lab label; the runner wants the exact one', () => {
    const prune = ['image', 'prune', '-f', '--filter', 'label=dockdrill.lab=my-lab'];
    expect(refused(prune)).toBeUndefined();
    expect(refused(prune, 'my-lab')).toBeUndefined();
    expect(refused(prune, 'another-lab')).toMatch(/label=dockdrill.lab=another-lab/);
  });

  it('returns the host paths it saw and the containers a new one joins', () => {
    const verdict = checkStep([
      'run',
      '-v',
      './out:/out',
      '--mount',
      'type=bind,source=site,target=/www',
      '--network',
      'container:reg',
      '--volumes-from',
      'db:ro',
      'busybox:1.36',
    ]);
    expect(verdict.problem).toBeUndefined();
    expect(verdict.hostPaths.map((p) => p.path)).toEqual(['./out', 'site']);
    expect(verdict.joins).toEqual(['reg', 'db']);
  });

  it('run check flags pass the same rules', () => {
    expect(runFlagsProblem(['--network', 'container:lab-registry'])).toBeUndefined();
    expect(runFlagsProblem(['-v', '/tmp:/host'])).toMatch(/absolute host path/);
    expect(runFlagsProblem(['--network', 'host'])).toMatch(/--network host/);
  });

  it('names what a removal step targets', () => {
    expect(removalTargets(['rm', '-f', '-v', 'web', 'db'])).toEqual({
      kind: 'container',
      names: ['web', 'db'],
    });
    expect(removalTargets(['rmi', '--no-prune', 'app:1'])).toEqual({
      kind: 'image',
      names: ['app:1'],
    });
    expect(removalTargets(['image', 'rm', '-f', 'app:1'])).toEqual({
      kind: 'image',
      names: ['app:1'],
    });
    expect(removalTargets(['volume', 'rm', 'v1'])).toEqual({ kind: 'volume', names: ['v1'] });
    expect(removalTargets(['network', 'rm', 'n1'])).toEqual({ kind: 'network', names: ['n1'] });
    expect(removalTargets(['run', 'busybox:1.36'])).toBeUndefined();
  });

  it('workspace paths', () => {
    expect(workspacePathProblem('.')).toBeUndefined();
    expect(workspacePathProblem('./a/b/../c')).toBeUndefined();
    expect(workspacePathProblem('C:\\Users')).toMatch(/absolute/);
  });
});
