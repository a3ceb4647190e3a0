/**
 * Generated quiz banks for the loading benchmark: a content root with one bank of N
 * questions that cycles through every question type (single, multi, truefalse, command,
 * order), each with a yaml block, per-option feedback and an explanation, like the real
 * banks. The text is filler for timing, never shipped.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentRoot } from '../src/content/paths.js';

function question(i: number): string {
  const meta = (type: string) =>
    `### gen-q${i}\n\`\`\`yaml\ntype: ${type}\ndifficulty: ${(i % 3) + 1}\ntags: [generated, group-${i % 25}]\n\`\`\`\n`;
  const explanation = `#### Explanation
Generated question ${i}. \`docker image inspect\` prints the configuration of an image,
and \`docker image history\` lists the instructions that made its layers.
`;
  switch (i % 5) {
    case 0:
      return `${meta('single')}Which command lists the layers of image number ${i}?

- [x] \`docker image history app:${i}\`
  > Right: one row per layer, newest first.
- [ ] \`docker image ls app:${i}\`
  > That lists images, not their layers.
- [ ] \`docker container ls\`
  > That lists containers.

${explanation}`;
    case 1:
      return `${meta('multi')}Which of these show something about image ${i}? Choose all that apply.

- [x] \`docker image inspect app:${i}\`
  > Its configuration, as JSON.
- [x] \`docker image history app:${i}\`
  > Its layers.
- [ ] \`docker volume ls\`
  > Volumes are not part of an image.

${explanation}`;
    case 2:
      return `${meta('truefalse')}An image layer is read-only once it is built (question ${i}).

- [x] True
  > A container adds its own writable layer on top.
- [ ] False
  > Layers never change; a change makes a new layer.

${explanation}`;
    case 3:
      return `${meta('command')}Show the layers of the image \`app:${i}\`.

#### Accept
- \`docker image history app:${i}\`
- \`docker history app:${i}\`

${explanation}`;
    default:
      return `${meta('order')}Put the steps of shipping image ${i} in order.

1. Build the image
2. Tag it with the registry's name
3. Push it

${explanation}`;
  }
}

export function bankText(count: number): string {
  const parts = ['---\ndomain: images\n---\n'];
  for (let i = 0; i < count; i++) parts.push(question(i));
  return parts.join('\n');
}

/** A content root (under `dir`) holding one bank of `count` questions. */
export function generatedBankRoot(dir: string, count: number): { root: ContentRoot; file: string } {
  const quizzes = join(dir, `bank-${count}`, 'quizzes');
  mkdirSync(quizzes, { recursive: true });
  const file = join(quizzes, '01-generated.quiz.md');
  writeFileSync(file, bankText(count));
  return { root: { dir: join(dir, `bank-${count}`), pack: '' }, file };
}
