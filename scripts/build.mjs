// Bundles the CLI with esbuild: one file for start-up plus lazily loaded chunks per command.
// Loading a few bundled files instead of hundreds of node_modules files is most of Ink's
// start-up time (see bench/). Type checking is `npm run typecheck`, not this script.
import { build } from 'esbuild';
import { chmodSync, rmSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}dist`, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: ['src/cli.tsx'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  sourcemap: true,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  // Ink imports react-devtools-core only when DEV=true; keep it out of the bundle.
  alias: { 'react-devtools-core': './scripts/devtools-stub.js' },
  define: { 'process.env.NODE_ENV': '"production"' },
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __ddCreateRequire } from 'node:module'; const require = __ddCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
chmodSync(`${root}dist/cli.js`, 0o755);
