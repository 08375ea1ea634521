import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manyEvents, THREE_EVENTS } from '../support/calendars.ts';
import { runCli } from '../support/cli.ts';
import { startServe, stopServe } from '../support/serve.ts';

const KEY = 'p18-admin-key-of-some-length';

/** Polls /health one request after another until `done` settles; the latency of each answer in ms. */
async function healthLatencies(url: string, done: Promise<unknown>): Promise<number[]> {
  let finished = false;
  void done.finally(() => {
    finished = true;
  });
  const latencies: number[] = [];
  while (!finished) {
    const started = performance.now();
    const res = await fetch(`${url}/health`);
    await res.arrayBuffer();
    latencies.push(performance.now() - started);
    expect(res.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return latencies;
}

describe('P18 parsing a large calendar does not stall the API', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'convene-p18-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('P18 /health answers in under 200 ms while convene serve ingests a 20,000-event calendar', async () => {
    const db = join(dir, 'p18.db');
    const file = join(dir, 'big.ics');
    writeFileSync(file, THREE_EVENTS);
    expect((await runCli(['ingest', '--db', db, file])).code).toBe(0);
    writeFileSync(file, manyEvents(20_000, Date.now() + 86_400_000, 'Bulk talk'));

    const { child, url } = await startServe(db, { CONVENE_ADMIN_KEY: KEY });
    try {
      const auth = { authorization: `Bearer ${KEY}` };
      const { sources } = await (await fetch(`${url}/v1/sources`, { headers: auth })).json();
      const ingestStarted = performance.now();
      const ingest = fetch(`${url}/v1/sources/${sources[0].id}/ingest`, { method: 'POST', headers: auth }).then(
        async (res) => ({ status: res.status, body: await res.json(), ms: performance.now() - ingestStarted }),
      );
      const latencies = await healthLatencies(url, ingest);
      const done = await ingest;
      expect(done.status).toBe(200);
      expect(done.body.counts.new).toBe(20_000);
      // The parse clearly outlasts the bound, so a stalled loop would have shown.
      expect(done.ms).toBeGreaterThan(600);
      expect(latencies.length).toBeGreaterThan(10);
      expect(Math.max(...latencies)).toBeLessThan(200);
    } finally {
      await stopServe(child);
    }
  }, 120_000);
});
