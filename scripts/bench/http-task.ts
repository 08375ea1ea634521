// HTTP load (run by scripts/bench.mjs): the real app on 127.0.0.1 over a real SQLite file with the demo
// data, `GET /v1/users/{id}/picks` (warm) against a hello-world route of the same app, with autocannon,
// in the same run: about 10 s in all (1 s warm-up each, then two alternating rounds of seconds/2 each).

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { fixedClock } from '../../src/core/clock.ts';
import { sha256Hex } from '../../src/core/sha256.ts';
import { createApp } from '../../src/http/app.ts';
import { memoryRateLimiter } from '../../src/http/rate-limit.ts';
import { renderDemoTemplate } from '../../src/runtime/demo-template.ts';
import { createLruCache } from '../../src/runtime/lru-cache.ts';
import { createNodeReader } from '../../src/runtime/node-deps.ts';
import { nodeClientAddress, nodeRequestHeader } from '../../src/runtime/node-request.ts';
import { readSourceList } from '../../src/runtime/source-list.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { ingestSources } from '../../src/usecases/ingest-sources.ts';

const root = process.argv[2]!;
const seconds = Number(process.argv[3] ?? 4);
const dir = mkdtempSync(join(tmpdir(), 'convene-http-bench-'));
const store = openSqliteStore(join(dir, 'convene.db'));
const clock = fixedClock('2026-12-01T00:00:00Z');
await ingestSources(
  { store, reader: createNodeReader(false), clock },
  readSourceList(join(root, 'data/sources.demo.json'), clock.now()),
  {
    window: { fromMs: clock.now() - 86_400_000, toMs: clock.now() + 365 * 86_400_000 },
    force: true,
  },
);
const adminKey = 'bench-admin-key-0123456789';
// The load comes from one address with one key; the limiter is set above it so it measures serving, not refusing.
const app = createApp({
  cache: createLruCache(1_000),
  store,
  clock,
  adminKeyHash: sha256Hex(adminKey),
  rateLimiter: memoryRateLimiter(10_000_000, 60_000),
  // Wired as `convene serve` wires them.
  clientAddress: nodeClientAddress,
  requestHeader: nodeRequestHeader,
});
app.get('/bench/hello', (c) => c.text('hello'));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((resolve) => server.once('listening', resolve));
const { port } = server.address() as { port: number };
const base = `http://127.0.0.1:${port}`;
const profile = JSON.parse(
  renderDemoTemplate(readFileSync(join(root, 'data/demo/profile.template.json'), 'utf8'), clock.now()),
);
delete profile.contactsFile;
const created = await (
  await fetch(`${base}/v1/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ profile }),
  })
).json();
const picksPath = `/v1/users/${created.id}/picks`;
// As every HTTP client library sends it (fetch, curl --compressed, browsers): the picks are served
// pre-compressed from the cache. The hello route's 5 bytes gain nothing from it.
const auth = { authorization: `Bearer ${created.apiKey}`, 'accept-encoding': 'gzip' };
if ((await fetch(`${base}${picksPath}`, { headers: auth })).status !== 200) throw new Error('picks route failed');

/** The load generator runs as its own process, as real clients do, so it does not share the server's event loop. */
async function load(path: string, headers: Record<string, string>, duration: number) {
  const args = [
    '-c',
    '8',
    '-d',
    String(duration),
    '-j',
    ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]),
    `${base}${path}`,
  ];
  const child = spawn(process.execPath, [join(root, 'node_modules/autocannon/autocannon.js'), ...args], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  await new Promise((resolve) => child.on('close', resolve));
  const result = JSON.parse(out) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    errors: number;
    non2xx: number;
  };
  return {
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

type Load = Awaited<ReturnType<typeof load>>;
// Both routes warmed first (server JIT and caches), then measured in alternation, so a drift in this
// VM's speed falls on both alike; each figure is the mean of its rounds.
await load('/bench/hello', {}, 1);
await load(picksPath, auth, 1);
const rounds: { hello: Load; picks: Load }[] = [];
for (let round = 0; round < 2; round++) {
  rounds.push({ hello: await load('/bench/hello', {}, seconds / 2), picks: await load(picksPath, auth, seconds / 2) });
}
const mean = (which: 'hello' | 'picks'): Load => ({
  rps: rounds.reduce((sum, r) => sum + r[which].rps, 0) / rounds.length,
  p50Ms: Math.max(...rounds.map((r) => r[which].p50Ms)),
  p99Ms: Math.max(...rounds.map((r) => r[which].p99Ms)),
  errors: rounds.reduce((sum, r) => sum + r[which].errors, 0),
});
const hello = mean('hello');
const picks = mean('picks');
await new Promise((resolve) => server.close(resolve));
await store.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ seconds, hello, picks })}\n`);
