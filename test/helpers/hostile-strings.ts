/* eslint-disable no-control-regex -- these tests are about control characters */
/**
 * Escape-laden strings, one per way a terminal can be driven (clipboard, title, screen
 * clear, device reports that type into stdin, DCS/APC, 8-bit C1, bidi overrides, a hostile
 * OSC 8 link), and a seeded way to spread them over a course pack.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../../src/quiz/random.js';

const ESC = '\u001b';
const BEL = '\u0007';

export const HOSTILE = [
  `${ESC}]52;c;ZWNobyBwd25lZA==${BEL}`,
  `${ESC}]0;owned title${BEL}`,
  `${ESC}]2;title${ESC}\\`,
  `${ESC}[2J${ESC}[3J${ESC}[H`,
  `${ESC}[6n`,
  `${ESC}[21t`,
  `${ESC}[?1000h`,
  `${ESC}P+q544e${ESC}\\`,
  `${ESC}_apc${ESC}\\`,
  `\u009b31m`,
  `\u009d0;c1 title\u009c`,
  `\u0085\u008d`,
  `${ESC}c`,
  `\u0007\u0008\u000b\u000c\u007f`,
  `\u202e\u2066`,
  `${ESC}]8;;javascript:alert(1)${BEL}link${ESC}]8;;${BEL}`,
  `${ESC}[31m`,
];

/** YAML double-quoted escapes that decode to controls (the file itself holds none). */
export const YAML_ESCAPES = ['\\e]0;yaml title\\a', '\\x1b[2J', '\\u009b6n', '\\e]52;c;QQ==\\a'];

/** HTML entities marked decodes to controls inside markdown. */
export const ENTITIES = ['&#27;]0;entity&#7;', '&#x1b;[2J', '&#155;6n'];

/** Any control character or escape that is not dockdrill's own styling. */
export const FOREIGN =
  /[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\u001b(?!\[[0-9;]*[mABCDGHJK]|\[\?(?:25|2026|1049)[hl]|\]8;;(?:https?:\/\/[^\u0007]*)?\u0007)/;

/** Writes a course pack full of hostile strings, chosen by `seed`; returns its folder. */
export function writeHostilePack(root: string, seed: number): string {
  const random = mulberry32(seed);
  const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)]!;
  const h = () => pick(HOSTILE);
  const y = () => pick(YAML_ESCAPES);
  const e = () => pick(ENTITIES);
  const dir = join(root, 'esc-pack');
  const lesson = join(dir, 'lessons', '01-escapes');
  mkdirSync(join(lesson, 'files'), { recursive: true });
  mkdirSync(join(dir, 'quizzes'), { recursive: true });
  writeFileSync(
    join(lesson, 'lesson.md'),
    `---
id: escapes
title: "Escapes ${y()} lesson ${h()}"
domain: images
objectives: ["read ${y()} hostile text"]
minutes: 5
---

Body text ${h()} with an entity ${e()} and [a link](https://docs.docker.com/${h()}) and
[another](https://x.example/&#27;]52;c;QQ==&#7;) and [a script](javascript:alert${e()}).

## A heading ${h()}

- a list item ${h()} ${e()}

\`\`\`sh
docker run ${h()} busybox:1.36
\`\`\`

| col ${h()} | b |
|---|---|
| ${e()} | ${h()} |
`,
  );
  writeFileSync(
    join(lesson, 'lab.md'),
    `---
id: esc-lab
title: "Lab ${y()} title ${h()}"
minutes: 5
images: [busybox:1.36]
resources:
  containers: [ddesc-web]
---

Intro ${h()} ${e()}.

## Task: one
Prose ${h()}.

\`\`\`check
- kind: container
  name: ddesc-web
  message: "check message ${y()} ${h()}"
\`\`\`

#### Hint
- hint ${h()} ${e()}

#### Solution
\`\`\`sh
docker run -d --name ddesc-web busybox:1.36 echo "${h()}"
\`\`\`
`,
  );
  writeFileSync(
    join(dir, 'quizzes', '01-escapes.quiz.md'),
    `---
title: "Bank ${y()} ${h()}"
domain: images
lesson: escapes
---

### esc-single
\`\`\`yaml
type: single
tags: ["tag ${y()}"]
\`\`\`
Stem ${h()} with ${e()}?

- [x] Right ${h()}
  > feedback ${h()}
- [ ] Wrong ${e()}
- [ ] Other ${h()}

#### Explanation
Because ${h()} and ${e()}.

### esc-command
\`\`\`yaml
type: command
\`\`\`
Type a command ${h()}.

#### Accept
- \`docker ps\`

#### Explanation
Explained ${h()}.
`,
  );
  return dir;
}
