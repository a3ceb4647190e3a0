/**
 * The intended layering of src/, written down once, and the check that keeps it: a folder
 * may import only from folders in LOWER layers (or from itself), statically or with a
 * dynamic import(). That rules out folder cycles too. `npm run lint` runs it; the unit test
 * test/unit/layers.test.ts runs it on src/ and on a fixture with a wrong import.
 *
 * Run: `tsx scripts/layers.ts [src-dir]`; exit 1 and one line per wrong import.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Top first. Folders in one row are peers: they may not import each other. */
export const LAYERS: readonly (readonly string[])[] = [
  ['cli.tsx'], // the entry point
  ['commands'], // one file per subcommand
  ['ui'], // Ink screens, components and hooks
  ['report', 'doctor'], // what the headless commands build
  ['course'], // lessons, banks and labs of a content root together (lint, outline)
  ['quiz'], // banks, grading, exams, Verify probes
  ['labs'], // lab format, steps, checks, cleanup
  ['progress'], // the learner's store
  ['cli'], // argv parsing and the command context
  ['content'], // content roots, lessons, front matter, problems
  ['docker'], // the only code that spawns processes
  ['terminal'], // text sanitising for the terminal
];

export interface LayerViolation {
  readonly file: string;
  readonly line: number;
  readonly from: string;
  readonly to: string;
  readonly message: string;
}

/** The layer folder of a path under `src` ('cli.tsx' for the entry file). */
function folderOf(src: string, file: string): string {
  const rel = relative(src, file);
  return rel.includes(sep) ? rel.split(sep)[0]! : rel;
}

function layerIndex(folder: string): number {
  return LAYERS.findIndex((row) => row.includes(folder));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.(ts|tsx)$/.test(path) && !path.endsWith('.d.ts'))
    .map((path) => join(dir, path))
    .sort();
}

// `from '...'`, `import '...'` and `import('...')` with a relative specifier.
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** Every import that goes up the layers, sideways to a peer, or to an unknown folder. */
export function checkLayers(src: string): LayerViolation[] {
  const root = resolve(src);
  const out: LayerViolation[] = [];
  for (const file of sourceFiles(root)) {
    const from = folderOf(root, file);
    const fromLayer = layerIndex(from);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const target = resolve(dirname(file), match[1]!);
      if (!target.startsWith(root + sep)) continue;
      const to = folderOf(root, target.replace(/\.js$/, '.ts'));
      if (to === from) continue;
      const toLayer = layerIndex(to);
      const line = text.slice(0, match.index).split('\n').length;
      const at = relative(process.cwd(), file);
      let message: string | undefined;
      if (fromLayer === -1) message = `${from}/ is not in LAYERS (scripts/layers.ts)`;
      else if (toLayer === -1) message = `${to}/ is not in LAYERS (scripts/layers.ts)`;
      else if (toLayer === fromLayer)
        message = `${from}/ and ${to}/ are peers: neither may import the other`;
      else if (toLayer < fromLayer) message = `${from}/ may not import ${to}/, a higher layer`;
      if (message) out.push({ file: at, line, from, to, message: `${at}:${line}: ${message}` });
    }
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const violations = checkLayers(process.argv[2] ?? 'src');
  for (const v of violations) console.error(v.message);
  console.log(`layers: ${violations.length} wrong import${violations.length === 1 ? '' : 's'}`);
  process.exitCode = violations.length ? 1 : 0;
}
