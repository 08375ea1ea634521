// Benchmark and evaluation tasks are TypeScript run as their own processes: bundled to one file first.
import { build } from 'esbuild';

/** `external`: packages left to node_modules (native addons such as better-sqlite3). */
export async function bundleTask(entry, outfile, external = []) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    external,
    platform: 'node',
    format: 'esm',
    // CommonJS dependencies (lunr, natural, autocannon) call require() and read __filename.
    banner: {
      js: [
        "import { createRequire as __cr } from 'node:module';",
        "import { fileURLToPath as __fu } from 'node:url';",
        "import { dirname as __dn } from 'node:path';",
        'const require = __cr(import.meta.url);',
        'const __filename = __fu(import.meta.url);',
        'const __dirname = __dn(__filename);',
      ].join(' '),
    },
    logLevel: 'warning',
  });
}
