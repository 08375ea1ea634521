// `npx tsx scripts/worker-bench.ts [--events N] [--requests N] [--json]`: the Worker under `npm run
// dev:worker` with a local D1, on 127.0.0.1, measured from outside: the CPU time workerd spends (read
// from /proc, so it includes local D1's SQLite, which runs in the same process, and HTTP parsing) per
// ingest through the queue (and the derived data it refreshes), per first and warm picks request, per
// events page; and the D1 queries, rows read and rows written of each (the Worker logs them with
// CONVENE_LOG_D1_USAGE=1). Inputs of docs/scaling.md.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../test/support/http-server.ts';
import { startWorkerDev } from '../test/support/worker-dev.ts';
import { seedLocalD1 } from '../test/support/workerd.ts';
import { generateIcs } from './bench/generate.mjs';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const events = option('--events', 1000);
const requests = option('--requests', 100);
const KEY = 'cvn_worker-bench-admin-key-0123456789';
const TICK_MS = 10; // USER_HZ is 100 on Linux

/** Every process under `root` (wrangler's node, workerd, esbuild), from /proc. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {}
  }
  const all: number[] = [];
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      all.push(child);
      walk(child);
    }
  };
  walk(root);
  return all;
}

function workerdCpuMs(root: number): number {
  let ticks = 0;
  for (const pid of descendants(root)) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('workerd')) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {}
  }
  return ticks * TICK_MS;
}

const dir = mkdtempSync(join(tmpdir(), 'convene-worker-bench-'));
const icsPath = generateIcs(dir, Date.now(), {
  series: Math.round(events / 10),
  overrides: Math.round(events / 50),
  total: events,
});
const ics = readFileSync(icsPath);
const feeds = await startServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/calendar' });
  res.end(ics);
});
const location = `${feeds.url}/bench.ics`;
const persist = join(dir, 'state');
await seedLocalD1(persist, async (store) => {
  await store.ensureSource({ location });
});
const worker = await startWorkerDev(persist, {
  CONVENE_ADMIN_KEY: KEY,
  CONVENE_ALLOW_PRIVATE_NETWORK: '1',
  CONVENE_LOG_D1_USAGE: '1',
});
const root = worker.child.pid!;
const admin = { authorization: `Bearer ${KEY}` };

async function measure(label: string, times: number, request: () => Promise<Response>) {
  // Let the isolate settle (logs flushed, timers run) so the reading is this work's own.
  await new Promise((r) => setTimeout(r, 300));
  const cpuBefore = workerdCpuMs(root);
  const started = performance.now();
  let status = 0;
  for (let i = 0; i < times; i++) {
    const res = await request();
    status = res.status;
    await res.arrayBuffer();
  }
  const wallMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, 300));
  const cpuMs = workerdCpuMs(root) - cpuBefore;
  return {
    label,
    times,
    status,
    cpuMsEach: Number((cpuMs / times).toFixed(2)),
    wallMsEach: Number((wallMs / times).toFixed(2)),
  };
}

/** The last `convene-d1` line the Worker logged for `what`. */
function d1Usage(what: string) {
  const lines = worker
    .output()
    .split('\n')
    .filter((l) => l.includes(`convene-d1 ${what} `));
  const last = lines.at(-1);
  if (!last) return null;
  const number = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(last)?.[1] ?? Number.NaN);
  return { queries: number('queries'), rowsRead: number('rowsRead'), rowsWritten: number('rowsWritten') };
}

try {
  const [source] = (await (await fetch(`${worker.url}/v1/sources`, { headers: admin })).json()).sources;
  const results: Record<string, unknown>[] = [];
  // Each figure as soon as it is measured: a run that is stopped still tells what it got to.
  const json = args.includes('--json');
  const record = (item: Record<string, unknown>) => {
    results.push(item);
    if (!json) process.stdout.write(`${JSON.stringify(item)}\n`);
  };

  // The cron's path: the scheduled handler enqueues the source, the consumer ingests it and then
  // refreshes the derived data in D1. Its CPU is read when each of its two log lines appears.
  await new Promise((r) => setTimeout(r, 300));
  const cpuBefore = workerdCpuMs(root);
  const started = performance.now();
  await (await fetch(`${worker.url}/__scheduled?cron=${encodeURIComponent('*/15 * * * *')}`)).arrayBuffer();
  const logged = async (what: string) => {
    const deadline = Date.now() + 600_000;
    while (!d1Usage(what)) {
      if (Date.now() > deadline) throw new Error(`no "${what}" from the Worker:\n${worker.output()}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return { cpuMs: workerdCpuMs(root) - cpuBefore, wallMs: performance.now() - started };
  };
  const ingested = await logged(`queue ${location}`);
  record({
    label: `queue: ingest ${events} VEVENTs (cron, one message)`,
    cpuMsEach: ingested.cpuMs,
    wallMsEach: Number(ingested.wallMs.toFixed(2)),
    d1: d1Usage(`queue ${location}`),
  });
  const refreshed = await logged('queue refresh-derived');
  record({
    label: 'queue: refresh the ranking catalog and search index in D1 after it',
    cpuMsEach: refreshed.cpuMs - ingested.cpuMs,
    wallMsEach: Number((refreshed.wallMs - ingested.wallMs).toFixed(2)),
    d1: d1Usage('queue refresh-derived'),
  });
  const user = await (
    await fetch(`${worker.url}/v1/users`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({
        profile: { name: 'Bench', interests: ['rust', 'security', 'data', 'design'], location: { city: 'Berlin' } },
      }),
    })
  ).json();
  const auth = { authorization: `Bearer ${user.apiKey}` };
  const picksPath = `/v1/users/${user.id}/picks`;
  record({
    ...(await measure('picks, first after the ingest (catalog read from D1, kept by the consumer)', 1, () =>
      fetch(`${worker.url}${picksPath}`, { headers: auth }),
    )),
    d1: d1Usage(`GET ${picksPath}`),
  });
  record({
    ...(await measure('picks, warm', requests, () => fetch(`${worker.url}${picksPath}`, { headers: auth }))),
    d1: d1Usage(`GET ${picksPath}`),
  });
  record({
    ...(await measure('events page of 20', requests, () => fetch(`${worker.url}/v1/events?limit=20`))),
    d1: d1Usage('GET /v1/events'),
  });
  record({
    ...(await measure('events page of 20 at offset 200', requests, () =>
      fetch(`${worker.url}/v1/events?limit=20&offset=200`),
    )),
    d1: d1Usage('GET /v1/events'),
  });
  record({
    ...(await measure('calendar subscription', Math.max(1, requests / 5), () =>
      fetch(`${worker.url}/cal/${user.feedToken}.ics`),
    )),
    d1: d1Usage('GET /cal/[token].ics'),
  });
  record({
    ...(await measure('health (the floor: HTTP and one D1 read)', requests, () => fetch(`${worker.url}/health`))),
    d1: d1Usage('GET /health'),
  });
  // Last: an admin ingest moves the events stamp and refreshes nothing, so the picks above come first.
  const reingest = await measure(`re-ingest ${events} VEVENTs, unchanged`, 1, () =>
    fetch(`${worker.url}/v1/sources/${source.id}/ingest`, { method: 'POST', headers: admin }),
  );
  record({ ...reingest, d1: d1Usage(`POST /v1/sources/${source.id}/ingest`) });
  if (json) process.stdout.write(`${JSON.stringify({ events, requests, results })}\n`);
} finally {
  await worker.stop();
  await feeds.close();
  rmSync(dir, { recursive: true, force: true });
}
