/**
 * A small lab written into a temporary content root with unique ids and names, so test
 * files that run labs at the same time never share an object. Load it with `--content DIR`
 * (CLI) or as a ContentRoot (screens). Every object it makes is labelled by the engine;
 * `removeFixtureObjects` removes its declared names too (only the names it made up).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packName, pathSegment } from '../../src/content/namespace.js';

// No vitest imports here: the bench (bench/lab-check-round.ts) uses this file too.

export interface FixtureLab {
  /** The content root (holds lessons/). */
  readonly dir: string;
  /** The id written in lab.md (the lab's id when the folder is loaded as the course). */
  readonly id: string;
  /** `<pack>/<id>`: the lab's id when the folder is loaded as a pack (`--content DIR`). */
  readonly qualifiedId: string;
  /** The folder under `<home>/labs/` of the pack lab (`/` encoded). */
  readonly qualifiedFolder: string;
  readonly title: string;
  /** Prefix of every docker name the lab uses. */
  readonly prefix: string;
  readonly web: string;
  readonly target: string;
  readonly image: string;
}

export function makeFixtureLab(): FixtureLab {
  const suffix = `${process.pid}${Math.random().toString(36).slice(2, 6)}`;
  const prefix = `ddui${suffix}`;
  const id = `ddui-${suffix}`;
  const dir = mkdtempSync(join(tmpdir(), 'dockdrill-labfx-'));
  const lessonDir = join(dir, 'lessons', '01-fixture');
  mkdirSync(join(lessonDir, 'files'), { recursive: true });
  const web = `${prefix}-web`;
  const target = `${prefix}-target`;
  const image = `${prefix}-app:v1`;
  const title = 'UI fixture lab';
  writeFileSync(
    join(lessonDir, 'files', 'Dockerfile'),
    'FROM busybox:1.36\nRUN echo hello > /greeting\nCMD ["cat", "/greeting"]\n',
  );
  writeFileSync(
    join(lessonDir, 'lab.md'),
    `---
id: ${id}
title: ${title}
minutes: 5
images: [busybox:1.36]
resources:
  containers: [${web}]
  images: [${image}]
setup:
  - [run, -d, --name, ${target}, busybox:1.36, sleep, "600"]
---

A lab the UI tests run end to end.

## Task: run-always
Run \`${web}\` from \`busybox:1.36\` (command \`sleep 600\`) with the restart policy \`always\`.

\`\`\`check
- kind: container
  name: ${web}
  expect:
    State.Running: true
    HostConfig.RestartPolicy.Name: always
  message: ${web} must run with --restart always
  ref: basics#restart
\`\`\`

#### Hint
- It is a flag of \`docker run\`.
- The flag is \`--restart\`.

#### Solution
\`\`\`sh
docker run -d --name ${web} --restart always busybox:1.36 sleep 600
\`\`\`

## Task: build-app
Build \`${image}\` from the Dockerfile in the workspace.

\`\`\`check
- kind: image
  image: ${image}
  expect:
    Config.Cmd: [cat, /greeting]
- kind: run
  image: ${image}
  stdout: hello
\`\`\`

#### Hint
- \`docker build -t NAME .\`

#### Solution
\`\`\`sh
docker build -t ${image} .
\`\`\`
`,
  );
  const qualifiedId = `${packName(dir)}/${id}`;
  const qualifiedFolder = pathSegment(qualifiedId);
  return { dir, id, qualifiedId, qualifiedFolder, title, prefix, web, target, image };
}

/** Removes the fixture's containers and image by their exact made-up names (test cleanup). */
export function removeFixtureObjects(lab: FixtureLab): void {
  spawnSync('docker', ['rm', '-f', '-v', lab.web, lab.target], { stdio: 'ignore' });
  spawnSync('docker', ['rmi', lab.image], { stdio: 'ignore' });
}
