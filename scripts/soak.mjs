// `npm run soak [-- --seconds 50] [-- --json]`: `convene start` on 127.0.0.1 under mixed load for about a
// minute (10 s warm-up, then the measured run): API reads, the page and the calendar, feedback writes
// through the page's form, and ingests of feeds served from loopback, all at once. Prints requests
// served, 5xx count, p99 latency and the server's memory (RSS) at the start and the end of the measured run.
// Exit code 1 on any 5xx, or 10% growth of the main thread's heap kept after a full collection or of
// the process's RSS (which holds the ingest worker's heap too). The server runs with
// CONVENE_ALLOW_PRIVATE_NETWORK=true, as its feeds are served from loopback.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, WebSocket } from 'undici';
import { generateIcs, generateRss } from './bench/generate.mjs';
import { buildCli } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1]) || 50;
const WARM_UP_SECONDS = 10;
const CONCURRENCY = 8;
const FEEDS = 4;
const ADMIN_KEY = 'soak-admin-key-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'convene-soak-'));

/** Two versions of each feed, served in turn, so every ingest has something to change. */
function feedVersions() {
  const versions = [];
  for (const shift of [0, 7]) {
    const at = Date.now() + shift * 86_400_000;
    const sub = join(dir, `v${shift}`);
    mkdirSync(sub);
    versions.push({
      ics: readFileSync(generateIcs(sub, at, { series: 60, overrides: 10, total: 400 })),
      rss: readFileSync(generateRss(sub, at, 150)),
    });
  }
  return versions;
}

async function startFeedServer(versions) {
  let served = 0;
  const server = createServer((req, res) => {
    const version = versions[served++ % versions.length];
    const rss = req.url.endsWith('.xml');
    res.writeHead(200, { 'content-type': rss ? 'application/rss+xml' : 'text/calendar' });
    res.end(rss ? version.rss : version.ics);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

function startConvene(sourcesFile) {
  const child = spawn(
    process.execPath,
    // The inspector (loopback, this run only) lets the soak collect garbage and read the heap it keeps.
    [
      '--inspect=127.0.0.1:0',
      join(root, 'bin/convene.js'),
      'start',
      '--db',
      join(dir, 'soak.db'),
      '--port',
      '0',
      '--sources',
      sourcesFile,
    ],
    {
      cwd: root,
      env: { ...process.env, CI: 'true', CONVENE_ADMIN_KEY: ADMIN_KEY, CONVENE_ALLOW_PRIVATE_NETWORK: 'true' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (d) => {
      stderr += d;
      const page = /Events worth attending for .*?: (http:\/\/\S+)\/u\/(\S+)/.exec(stderr);
      const inspector = /Debugger listening on (ws:\/\/\S+)/.exec(stderr);
      if (page && inspector) resolve({ child, base: page[1], token: page[2], inspector: inspector[1] });
    });
    child.on('exit', (code) => reject(new Error(`convene start exited (${code}): ${stderr.slice(-500)}`)));
  });
}

/** The server's main-thread heap after a full collection, in MB: what it keeps, without the GC's slack. */
async function heapAfterGcMb(inspectorUrl) {
  const ws = new WebSocket(inspectorUrl);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  const answers = new Map();
  ws.onmessage = (message) => {
    const { id, result } = JSON.parse(message.data);
    answers.get(id)?.(result);
  };
  let nextId = 0;
  const call = (method) =>
    new Promise((resolve) => {
      const id = ++nextId;
      answers.set(id, resolve);
      ws.send(JSON.stringify({ id, method }));
    });
  await call('HeapProfiler.collectGarbage');
  const { usedSize } = await call('Runtime.getHeapUsage');
  ws.close();
  return usedSize / 1024 / 1024;
}

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

// The server limits each client address to 600 requests a minute, as it should; the load comes
// from 64 loopback addresses, as it would from many clients.
const agents = Array.from({ length: 64 }, (_, i) => new Agent({ localAddress: `127.0.0.${10 + i}` }));
let nextAgent = 0;

const latencies = [];
const byKind = new Map();
let serverErrors = 0;
let otherErrors = 0;

async function timed(kind, url, init = {}) {
  const started = performance.now();
  const res = await fetch(url, { ...init, redirect: 'manual', dispatcher: agents[nextAgent++ % agents.length] });
  const body = await res.text();
  const ms = performance.now() - started;
  latencies.push(ms);
  const stats = byKind.get(kind) ?? { n: 0, errors: 0, maxMs: 0, totalMs: 0 };
  stats.n++;
  stats.totalMs += ms;
  stats.maxMs = Math.max(stats.maxMs, ms);
  if (res.status >= 500) {
    serverErrors++;
    stats.errors++;
    stats.firstError ??= `${res.status} ${body.slice(0, 200)}`;
  } else if (res.status >= 400) {
    otherErrors++;
    stats.firstError ??= `${res.status} ${body.slice(0, 200)}`;
  }
  byKind.set(kind, stats);
  return res;
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

async function main() {
  await buildCli();
  const versions = feedVersions();
  const feeds = await startFeedServer(versions);
  const sources = Array.from({ length: FEEDS }, (_, i) => ({
    location: `${feeds.base}/feed-${i}.${i % 2 ? 'xml' : 'ics'}`,
    name: `Loopback feed ${i}`,
  }));
  const demo = JSON.parse(readFileSync(join(root, 'data/sources.demo.json'), 'utf8')).sources.map((s) => ({
    ...s,
    location: join(root, 'data', s.location),
  }));
  const sourcesFile = join(dir, 'sources.json');
  writeFileSync(sourcesFile, JSON.stringify({ sources: [...demo, ...sources] }));
  const convene = await startConvene(sourcesFile);
  const { base, token } = convene;
  const admin = { authorization: `Bearer ${ADMIN_KEY}` };
  try {
    const listed = await (await fetch(`${base}/v1/sources`, { headers: admin })).json();
    const loopbackIds = listed.sources.filter((s) => s.location.startsWith(feeds.base)).map((s) => s.id);
    const picks = (await (await fetch(`${base}/v1/picks`)).json()).picks.map((p) => p.event.id);
    if (loopbackIds.length !== FEEDS || picks.length === 0) throw new Error('soak setup: no loopback sources or picks');

    const requests = [
      ['events', () => timed('events', `${base}/v1/events?limit=50`)],
      ['search', () => timed('search', `${base}/v1/events?q=rust&limit=20`)],
      ['picks', () => timed('picks', `${base}/v1/picks`)],
      ['page', () => timed('page', `${base}/u/${token}`)],
      ['calendar', () => timed('calendar', `${base}/cal/${token}.ics`)],
      ['health', () => timed('health', `${base}/health`)],
      [
        'feedback',
        () =>
          timed('feedback', `${base}/u/${token}/feedback`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ eventId: picks[Math.floor(Math.random() * picks.length)], action: 'going' }),
          }),
      ],
    ];
    const load = async (ms) => {
      const until = Date.now() + ms;
      const readers = Array.from({ length: CONCURRENCY }, async () => {
        while (Date.now() < until) await requests[Math.floor(Math.random() * requests.length)][1]();
      });
      // Ingests run beside the reads, one source after another, for the whole run.
      const ingests = (async () => {
        for (let i = 0; Date.now() < until; i++) {
          await timed('ingest', `${base}/v1/sources/${loopbackIds[i % FEEDS]}/ingest`, {
            method: 'POST',
            headers: admin,
          });
        }
      })();
      await Promise.all([...readers, ingests]);
    };
    // Warm-up under the same load (caches filled, the heap at its working size), then the measured run.
    await load(WARM_UP_SECONDS * 1000);
    const heapStart = await heapAfterGcMb(convene.inspector);
    latencies.length = 0;
    byKind.clear();
    serverErrors = 0;
    otherErrors = 0;
    // RSS swings by a third between collections of the rebuilt ranking catalog, so start and end are
    // each the median of the samples (one a second) in the first and the last tenth of the run.
    const rssSamples = [];
    const sampler = setInterval(() => rssSamples.push(Math.round(rssMb(convene.child.pid))), 1000);
    await load(seconds * 1000);
    clearInterval(sampler);
    const edge = Math.max(3, Math.round(rssSamples.length / 10));
    const rssStart = percentile(rssSamples.slice(0, edge), 50);
    const rssEnd = percentile(rssSamples.slice(-edge), 50);
    const heapEnd = await heapAfterGcMb(convene.inspector);
    const result = {
      seconds,
      requests: latencies.length,
      serverErrors,
      otherErrors,
      p50Ms: Number(percentile(latencies, 50).toFixed(1)),
      p99Ms: Number(percentile(latencies, 99).toFixed(1)),
      rssStartMb: Number(rssStart.toFixed(1)),
      rssEndMb: Number(rssEnd.toFixed(1)),
      rssGrowthPct: Number((((rssEnd - rssStart) / rssStart) * 100).toFixed(1)),
      rssSamplesMb: rssSamples,
      heapStartMb: Number(heapStart.toFixed(1)),
      heapEndMb: Number(heapEnd.toFixed(1)),
      heapGrowthPct: Number((((heapEnd - heapStart) / heapStart) * 100).toFixed(1)),
      byKind: Object.fromEntries(byKind),
    };
    if (args.includes('--json'))
      process.stdout.write(`${JSON.stringify({ ...result, privateNetworkAllowed: true })}\n`);
    else {
      process.stdout.write(
        'soak: the server runs with CONVENE_ALLOW_PRIVATE_NETWORK=true (its feeds are on loopback)\n' +
          `soak: ${result.requests} requests in ${seconds} s (${(result.requests / seconds).toFixed(0)}/s), ` +
          `5xx: ${serverErrors}, other 4xx: ${otherErrors}, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms\n` +
          `memory, heap kept after a full GC: ${result.heapStartMb} MB at the start, ${result.heapEndMb} MB at the end (${result.heapGrowthPct}%)\n` +
          `memory, RSS (median of the first and last tenth): ${result.rssStartMb} MB at the start, ${result.rssEndMb} MB at the end (${result.rssGrowthPct}%); range ${Math.min(...rssSamples)}-${Math.max(...rssSamples)} MB\n` +
          `by kind (count, mean ms, max ms): ${[...byKind].map(([k, v]) => `${k} ${v.n} ${(v.totalMs / v.n).toFixed(0)} ${v.maxMs.toFixed(0)}`).join(', ')}\n` +
          [...byKind]
            .filter(([, v]) => v.firstError)
            .map(([k, v]) => `first 5xx of ${k}: ${v.firstError}\n`)
            .join(''),
      );
    }
    // The heap kept after a collection is what a main-thread leak grows; the ingest worker's heap shows
    // only in the process's RSS (medians, as RSS follows the GC's appetite under load).
    const memoryGrew = result.heapGrowthPct >= 10 || result.rssGrowthPct >= 10;
    if (memoryGrew) process.stderr.write('soak: memory grew by 10% or more (heap or RSS)\n');
    process.exitCode = serverErrors > 0 || memoryGrew ? 1 : 0;
  } finally {
    convene.child.kill('SIGTERM');
    feeds.server.close();
    await Promise.all(agents.map((a) => a.close()));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
