// The Worker as Cloudflare would receive it: bundled by `wrangler deploy --dry-run`, then measured
// against the free plan's limits: at most 3 MB after gzip, and a start-up (the module's top-level
// evaluation) under 1 s. Prints one JSON line; exits 1 when a limit is exceeded.
//
// Start-up is timed as V8 evaluates the bundle in a fresh Node process (median of 5): the same engine
// and the same work (parse, compile, top-level code) that Cloudflare's start-up limit counts. workerd
// itself gives a Worker no clock that moves while it runs, so it cannot time itself.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const GZIP_LIMIT_BYTES = 3 * 1024 * 1024;
export const STARTUP_LIMIT_MS = 1000;
const RUNS = 5;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const offline = {
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
};

function bundle(outdir) {
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'wrangler'),
    ['deploy', '--dry-run', '--outdir', outdir],
    { cwd: root, env: { ...offline, ...process.env }, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

function startupMs(modulePath) {
  const probe =
    'const t=performance.now();' +
    `const m=await import(${JSON.stringify(pathToFileURL(modulePath).href)});` +
    "if(typeof m.default?.fetch!=='function')throw new Error('no fetch handler');" +
    'process.stdout.write(String(performance.now()-t));';
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`the bundle did not evaluate: ${result.stderr}`);
    times.push(Number(result.stdout));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)];
}

export function measureWorker() {
  const outdir = mkdtempSync(join(tmpdir(), 'convene-worker-'));
  try {
    bundle(outdir);
    // What is uploaded: the JavaScript modules (source maps and wrangler's README stay behind).
    const modules = readdirSync(outdir).filter((name) => /\.(m?js|wasm)$/.test(name));
    const raw = modules.map((name) => readFileSync(join(outdir, name)));
    const bytes = raw.reduce((sum, buffer) => sum + buffer.byteLength, 0);
    const gzipBytes = raw.reduce((sum, buffer) => sum + gzipSync(buffer, { level: 9 }).byteLength, 0);
    const main = modules.find((name) => name === 'workers.js') ?? modules[0];
    const entry = join(outdir, main.replace(/\.js$/, '.mjs'));
    // Node reads .js as CommonJS outside a package: the same bytes under the module extension.
    copyFileSync(join(outdir, main), entry);
    const startup = startupMs(entry);
    return {
      modules,
      bytes,
      gzipBytes,
      gzipLimitBytes: GZIP_LIMIT_BYTES,
      startupMs: Math.round(startup * 10) / 10,
      startupLimitMs: STARTUP_LIMIT_MS,
      withinLimits: gzipBytes <= GZIP_LIMIT_BYTES && startup <= STARTUP_LIMIT_MS,
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = measureWorker();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  if (!figures.withinLimits) {
    process.stderr.write(
      `worker-size: over the free plan's limits (gzip ${figures.gzipBytes} of ${GZIP_LIMIT_BYTES} bytes, start-up ${figures.startupMs} of ${STARTUP_LIMIT_MS} ms)\n`,
    );
    process.exitCode = 1;
  }
}
