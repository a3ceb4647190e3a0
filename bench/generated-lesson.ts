/**
 * A generated course of one long lesson (about 5,000 source lines) that uses every
 * element the renderer knows, for the reader benchmark.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContentRoot } from '../src/content/paths.js';

const TARGET_LINES = 5000;

const CHUNK = `## Section NUM

Docker keeps **image layers** read-only; a *container* adds a thin writable layer on top.
Use \`docker image history\` to see them, read [the docs](https://docs.docker.com/) or the
[restart policies](lesson:big-lesson#section-1) section.

- [x] built the image
- [ ] pushed it
  1. tag it
  2. push it

> **Note**
> Layers are shared between images built from the same base.

| Command | What it shows |
|---|---|
| docker image ls | images and their sizes |
| docker image history app:v1 | one row per layer with the instruction that made it |

\`\`\`dockerfile
FROM busybox:1.36 AS base
RUN echo "hello $NAME" > /greeting && \\
    cat /greeting
CMD ["cat", "/greeting"]
\`\`\`

\`\`\`console
$ docker build -t app:v1 .
Successfully tagged app:v1
\`\`\`
`;

export function generatedCourse(): { root: ContentRoot; sourceLines: number; cleanup: () => void } {
  const dir = join(tmpdir(), `dockdrill-bench-${process.pid}`);
  const lessonDir = join(dir, 'lessons', '01-big-lesson');
  mkdirSync(lessonDir, { recursive: true });
  const perChunk = CHUNK.split('\n').length;
  const copies = Math.ceil(TARGET_LINES / perChunk);
  const body = Array.from({ length: copies }, (_, i) => CHUNK.replace('NUM', String(i))).join('\n');
  const front = [
    '---',
    'id: big-lesson',
    'title: A generated 5,000-line lesson',
    'domain: images',
    'minutes: 300',
    'objectives:',
    '  - Measure the reader',
    '---',
    '',
  ].join('\n');
  const text = front + body;
  writeFileSync(join(lessonDir, 'lesson.md'), text);
  return {
    root: { dir, pack: '' },
    sourceLines: text.split('\n').length,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
