/**
 * The lint guard that keeps process spawning in src/docker: static and dynamic imports of
 * child_process (with or without node:) and execa fail outside it, and pass inside it.
 */
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

async function ruleIds(code: string, file: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('spawning stays in src/docker', () => {
  it.each([
    "import { spawn } from 'node:child_process';\nexport const s = spawn;\n",
    "import { spawn } from 'child_process';\nexport const s = spawn;\n",
    "import { execa } from 'execa';\nexport const e = execa;\n",
    "export const load = () => import('node:child_process');\n",
    "export const load = () => import('child_process');\n",
    "export const load = () => import('execa');\n",
  ])('refuses %j outside src/docker', async (code) => {
    const ids = await ruleIds(code, 'src/labs/spawn-here.ts');
    expect(ids.some((id) => id === 'no-restricted-imports' || id === 'no-restricted-syntax')).toBe(
      true,
    );
  });

  it('allows them in src/docker', async () => {
    expect(
      await ruleIds("export const load = () => import('execa');\n", 'src/docker/spawn-here.ts'),
    ).toEqual([]);
  });
});
