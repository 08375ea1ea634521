import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.ts';
import { createDerivedCachePort } from '../../src/store/derived-cache-sql.ts';
import { createSqlStore } from '../../src/store/sql-store.ts';
import { createSqliteDriver } from '../../src/store/sqlite-driver.ts';
import { CATALOG_SLOT } from '../../src/usecases/shared-catalog.ts';
import { SEARCH_SLOT } from '../../src/usecases/shared-search.ts';
import { daysAhead } from '../support/api-contract.ts';
import { calendar, vevent } from '../support/calendars.ts';
import { startServer, type TestServer } from '../support/http-server.ts';
import { describeWith } from '../support/needs-component.ts';
import { startWorkerDev, type WorkerDev } from '../support/worker-dev.ts';
import { localD1File, seedLocalD1 } from '../support/workerd.ts';

const KEY = 'cvn_scheduled-admin-key-0123456789';

interface SourceView {
  id: string;
  location: string;
  status: string;
  eventCount: number;
  failureCount: number;
  lastErrorKind: string | null;
  nextCheckAt: string | null;
}

describeWith('workerd')('a scheduled run on the Worker: cron -> queue -> one ingest per source', () => {
  let feeds: TestServer;
  let worker: WorkerDev;
  let dir: string;
  const admin = { authorization: `Bearer ${KEY}` };

  const sources = async (): Promise<SourceView[]> =>
    (await (await fetch(`${worker.url}/v1/sources`, { headers: admin })).json()).sources;
  const byPath = (list: SourceView[], path: string) => list.find((s) => s.location.endsWith(path))!;
  /** The queue works on its own time: wait (bounded) for what it must reach. */
  const until = async (what: string, done: (list: SourceView[]) => boolean): Promise<SourceView[]> => {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const list = await sources();
      if (done(list)) return list;
      if (Date.now() > deadline)
        throw new Error(`${what}: not reached in 90 s: ${JSON.stringify(list)}\n${worker.output()}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  /** Waits (bounded) until the ranking catalog and search index in the Worker's D1 carry its events stamp. */
  const derivedAtCurrentStamp = async () => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const db = new Database(localD1File(dir), { readonly: true, fileMustExist: true });
      try {
        const driver = createSqliteDriver(db);
        const stamp = await createSqlStore(driver, systemClock).eventsStamp();
        const derived = createDerivedCachePort(driver);
        const stamps = [(await derived.get(CATALOG_SLOT))?.stamp, (await derived.get(SEARCH_SLOT))?.stamp];
        if (stamps.every((kept) => kept?.startsWith(`${stamp}|`))) return;
        if (Date.now() > deadline)
          throw new Error(`derived data not at events stamp ${stamp}: ${JSON.stringify(stamps)}\n${worker.output()}`);
      } finally {
        db.close();
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  const scheduled = async () => {
    const res = await fetch(`${worker.url}/__scheduled?cron=${encodeURIComponent('*/15 * * * *')}`);
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    const meetups = calendar(
      vevent('rust@sched', daysAhead(5), 'Rust Berlin meetup', ['LOCATION:Berlin', 'CATEGORIES:rust']),
      vevent('sec@sched', daysAhead(12), 'OWASP Berlin chapter meeting', ['LOCATION:Berlin', 'CATEGORIES:security']),
    );
    const conference = calendar(
      vevent('conf@sched', daysAhead(30), 'RustConf Berlin: systems programming in Rust', [
        'LOCATION:Berlin',
        'CATEGORIES:rust',
      ]),
    );
    feeds = await startServer((req, res) => {
      if (req.url === '/meetups.ics') {
        res.writeHead(200, { 'content-type': 'text/calendar' });
        res.end(meetups);
      } else if (req.url === '/conference.ics') {
        res.writeHead(200, { 'content-type': 'text/calendar' });
        res.end(conference);
      } else {
        // A publisher having a bad day: every attempt fails.
        res.writeHead(503);
        res.end('unavailable');
      }
    });
    dir = mkdtempSync(join(tmpdir(), 'convene-sched-'));
    await seedLocalD1(dir, async (store) => {
      for (const path of ['/meetups.ics', '/conference.ics', '/down.ics'])
        await store.ensureSource({ location: `${feeds.url}${path}` });
    });
    worker = await startWorkerDev(dir, {
      CONVENE_ADMIN_KEY: KEY,
      CONVENE_ALLOW_PRIVATE_NETWORK: '1',
      CONVENE_RETRY_DELAY_SECONDS: '0',
    });
  }, 240_000);
  afterAll(async () => {
    await worker?.stop();
    await feeds?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ingests the due sources through the queue; the failing one is retried and recorded, the others stored; picks include them', async () => {
    await scheduled();
    const list = await until(
      'both good sources stored and the failing one retried to the end',
      (l) =>
        byPath(l, '/meetups.ics').eventCount === 2 &&
        byPath(l, '/conference.ics').eventCount === 1 &&
        byPath(l, '/down.ics').failureCount >= 4,
    );
    // Before any request ranks or searches: the queue consumer kept the derived data at the store's
    // current events stamp, so the picks below read them and a cold isolate builds nothing.
    await derivedAtCurrentStamp();

    const down = byPath(list, '/down.ics');
    expect(down).toMatchObject({ status: 'error', lastErrorKind: 'http', eventCount: 0 });
    // One delivery and the queue's three retries (wrangler.toml max_retries), then the dead-letter queue.
    expect(feeds.hits.get('/down.ics')).toBe(4);
    expect(feeds.hits.get('/meetups.ics')).toBe(1);
    expect(byPath(list, '/meetups.ics')).toMatchObject({ status: 'ok', failureCount: 0 });

    const created = await fetch(`${worker.url}/v1/users`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ profile: { name: 'Ada', interests: ['rust', 'security'], location: { city: 'Berlin' } } }),
    });
    expect(created.status).toBe(201);
    const ada = await created.json();
    const picks = await (
      await fetch(`${worker.url}/v1/users/${ada.id}/picks`, { headers: { authorization: `Bearer ${ada.apiKey}` } })
    ).json();
    const titles = picks.picks.map((p: { event: { title: string } }) => p.event.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Rust Berlin meetup',
        'OWASP Berlin chapter meeting',
        'RustConf Berlin: systems programming in Rust',
      ]),
    );
    // Its waits are bounded on their own (90 s for the queue, 30 s for the derived data): a loaded
    // machine may need them, and the default 30 s would cut them short.
  }, 180_000);

  it('the next run enqueues nothing that is not due: fresh sources wait for their interval, the failing one backs off', async () => {
    const before = new Map(feeds.hits);
    await scheduled();
    // Give the queue the time it took to deliver the first run's messages, then look again.
    await new Promise((r) => setTimeout(r, 8000));
    expect(new Map(feeds.hits)).toEqual(before);
    const list = await sources();
    expect(Date.parse(byPath(list, '/meetups.ics').nextCheckAt!)).toBeGreaterThan(Date.now());
    expect(Date.parse(byPath(list, '/down.ics').nextCheckAt!)).toBeGreaterThan(Date.now());
  });
});
