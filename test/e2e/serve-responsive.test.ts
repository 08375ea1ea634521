import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manyEvents, THREE_EVENTS } from '../support/calendars.ts';
import { runCli } from '../support/cli.ts';
import { startServe, stopServe } from '../support/serve.ts';

const KEY = 'p18-admin-key-of-some-length';

/**
 * Polls /health one request after another until `done` settles. Returns how many answers came and the
 * longest silence (ms without an answer, from the start to the end of `done`) as a share of `done`'s
 * whole duration: a loop stalled by the parse or a whole write goes silent for a large share of the
 * ingest, while a loaded machine slows the ingest and the answers alike, so the share holds under load
 * where a fixed number of milliseconds does not.
 */
async function healthSilence(url: string, done: Promise<unknown>): Promise<{ answers: number; share: number }> {
  const started = performance.now();
  let ended: number | null = null;
  void done.finally(() => {
    ended = performance.now();
  });
  let last = started;
  let longest = 0;
  let answers = 0;
  while (ended === null) {
    const res = await fetch(`${url}/health`);
    await res.arrayBuffer();
    expect(res.status).toBe(200);
    const at: number = ended ?? performance.now();
    longest = Math.max(longest, at - last);
    last = at;
    answers++;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const end: number = ended;
  return { answers, share: Math.max(longest, end - last) / (end - started) };
}

describe('P18 parsing a large calendar does not stall the API', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'convene-p18-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('P18 /health keeps answering while convene serve ingests a 20,000-event calendar: never silent for a quarter of it', async () => {
    const db = join(dir, 'p18.db');
    const file = join(dir, 'big.ics');
    writeFileSync(file, THREE_EVENTS);
    expect((await runCli(['ingest', '--db', db, file])).code).toBe(0);
    writeFileSync(file, manyEvents(20_000, Date.now() + 86_400_000, 'Bulk talk'));

    const { child, url } = await startServe(db, { CONVENE_ADMIN_KEY: KEY });
    try {
      const auth = { authorization: `Bearer ${KEY}` };
      const { sources } = await (await fetch(`${url}/v1/sources`, { headers: auth })).json();
      const ingest = fetch(`${url}/v1/sources/${sources[0].id}/ingest`, { method: 'POST', headers: auth }).then(
        async (res) => ({ status: res.status, body: await res.json() }),
      );
      const health = await healthSilence(url, ingest);
      const done = await ingest;
      expect(done.status).toBe(200);
      expect(done.body.counts.new).toBe(20_000);
      // Many answers came while the ingest ran, so a stalled loop would have shown in one of them.
      expect(health.answers).toBeGreaterThan(10);
      expect(health.share, JSON.stringify(health)).toBeLessThan(0.25);
    } finally {
      await stopServe(child);
    }
  }, 120_000);

  it('P18 writes during a re-ingest that changes 20,000 events answer (never 500), and /health stays responsive', async () => {
    const db = join(dir, 'p18-writes.db');
    const file = join(dir, 'renamed.ics');
    const fromMs = Date.now() + 86_400_000;
    writeFileSync(file, manyEvents(20_000, fromMs, 'Bulk talk'));
    expect((await runCli(['ingest', '--db', db, file])).code).toBe(0);
    writeFileSync(file, manyEvents(20_000, fromMs, 'Renamed talk'));

    const { child, url } = await startServe(db, { CONVENE_ADMIN_KEY: KEY });
    try {
      const admin = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
      const user = await (
        await fetch(`${url}/v1/users`, {
          method: 'POST',
          headers: admin,
          body: JSON.stringify({ profile: { interests: ['rust'] } }),
        })
      ).json();
      const asUser = { authorization: `Bearer ${user.apiKey}`, 'content-type': 'application/json' };
      const { events } = await (await fetch(`${url}/v1/events?limit=5`)).json();
      const { sources } = await (await fetch(`${url}/v1/sources`, { headers: admin })).json();
      const ingest = fetch(`${url}/v1/sources/${sources[0].id}/ingest`, { method: 'POST', headers: admin }).then(
        async (res) => ({ status: res.status, body: await res.json() }),
      );
      let finished = false;
      void ingest.finally(() => {
        finished = true;
      });
      const writes: { status: number; retryAfter: string | null }[] = [];
      const writeLoop = (async () => {
        for (let i = 0; !finished; i++) {
          const res =
            i % 2 === 0
              ? await fetch(`${url}/v1/users/${user.id}`, {
                  method: 'PUT',
                  headers: asUser,
                  body: JSON.stringify({ profile: { interests: ['rust', `topic ${i}`] } }),
                })
              : await fetch(`${url}/v1/users/${user.id}/feedback`, {
                  method: 'POST',
                  headers: asUser,
                  body: JSON.stringify({ eventId: events[i % events.length].id, action: 'not-interested' }),
                });
          await res.arrayBuffer();
          writes.push({ status: res.status, retryAfter: res.headers.get('retry-after') });
        }
      })();
      const health = await healthSilence(url, ingest);
      await writeLoop;
      const done = await ingest;
      expect(done.status).toBe(200);
      expect(done.body.counts.changed).toBe(20_000);
      expect(writes.length).toBeGreaterThan(5);
      // A write either lands or is told when to come back: 503 behind the worker's short write
      // transaction, or 429 once this loop (one key, as fast as it can) passes the per-key rate limit.
      for (const write of writes) {
        expect([200, 201, 429, 503]).toContain(write.status);
        if (write.status >= 429) expect(write.retryAfter).toMatch(/^\d+$/);
      }
      expect(writes.some((w) => w.status < 300)).toBe(true);
      expect(health.answers).toBeGreaterThan(10);
      // A write waits at most the server's 200 ms busy timeout on the loop; never the seconds of a whole write.
      expect(health.share, JSON.stringify(health)).toBeLessThan(0.25);
    } finally {
      await stopServe(child);
    }
  }, 240_000);
});
