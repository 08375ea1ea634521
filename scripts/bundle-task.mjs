// Benchmark and evaluation tasks are TypeScript run as their own processes: bundled to one file first.
import { build } from 'esbuild';

export async function bundleTask(entry, outfile) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // CommonJS dependencies (lunr, natural) call require().
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
}
