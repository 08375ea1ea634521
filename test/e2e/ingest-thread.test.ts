import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.ts';
import { createIngestThread } from '../../src/runtime/ingest-thread.ts';
import { recordIngestFailure } from '../../src/usecases/ingest-sources.ts';
import { manyEvents } from '../support/calendars.ts';
import { startServer, type TestServer } from '../support/http-server.ts';
import { tempStore } from '../support/store.ts';

const BUNDLE = join(import.meta.dirname, '..', '..', 'dist', 'cli.mjs');
const DYING = join(import.meta.dirname, '..', 'support', 'dying-ingest-worker.mjs');
/** Three events from tomorrow on, inside the worker's default window whatever the date. */
const THREE_EVENTS = manyEvents(3, Date.now() + 86_400_000, 'Thread test');
const EVERYTHING = { fromMs: 0, toMs: Date.parse('2100-01-01'), includeUndated: true, includeCancelled: true };

describe('the ingest worker thread of convene serve', () => {
  let db: ReturnType<typeof tempStore>;
  let threads: ReturnType<typeof createIngestThread>[];
  let server: TestServer | null;
  beforeEach(() => {
    db = tempStore();
    threads = [];
    server = null;
  });
  afterEach(async () => {
    await Promise.all(threads.map((t) => t.close()));
    await server?.close();
    await db.cleanup();
  });

  const thread = (entry: string, deadlineMs?: number) => {
    const created = createIngestThread(
      entry,
      { db: db.path, allowPrivateNetwork: true },
      {
        ...(deadlineMs ? { deadlineMs } : {}),
        recordFailure: (spec, problem) =>
          recordIngestFailure({ store: db.store, clock: systemClock }, spec, problem.kind, problem.message),
      },
    );
    threads.push(created);
    return created;
  };
  const file = (name: string, text: string) => {
    const path = join(db.dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('a worker that dies mid-ingest fails that ingest with a clear error (no hang), recorded on the source; the next ingest runs in a new worker', async () => {
    const ingest = thread(DYING);
    const good = file('good.ics', THREE_EVENTS);
    expect((await ingest.ingest({ location: good })).status).toBe('ok');
    const dying = file('die-now.ics', THREE_EVENTS);
    await expect(ingest.ingest({ location: dying })).rejects.toThrow(/ingest worker exited \(code 7\).*kept/);
    expect((await db.store.getSource(dying))?.lastErrorMessage).toMatch(/ingest worker exited \(code 7\)/);
    const again = await ingest.ingest({ location: good });
    expect(again.status).toBe('unchanged');
    expect((await db.store.listEvents(EVERYTHING)).length).toBe(3);
  }, 60_000);

  it('an ingest past its deadline has its worker terminated: a timeout on the source, its events kept, the next ingest works', async () => {
    let hang = false;
    server = await startServer((_req, res) => {
      if (hang) return; // never answers: only the deadline ends this ingest
      res.writeHead(200, { 'content-type': 'text/calendar' });
      res.end(THREE_EVENTS);
    });
    const location = `${server.url}/cal.ics`;
    // Long enough for a cold worker to load the bundle on a loaded machine; the hung fetch never ends.
    const ingest = thread(BUNDLE, 8000);
    expect((await ingest.ingest({ location })).counts.new).toBe(3);
    hang = true;
    await expect(ingest.ingest({ location })).rejects.toThrow(/deadline/);
    const source = await db.store.getSource(location);
    expect(source?.lastErrorKind).toBe('timeout');
    expect((await db.store.listEvents(EVERYTHING)).length).toBe(3);
    hang = false;
    expect((await ingest.ingest({ location })).status).not.toBe('error');
  }, 60_000);

  it('two ingests of one source at once are one ingest: one fetch, one report', async () => {
    server = await startServer((_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/calendar' });
        res.end(THREE_EVENTS);
      }, 300);
    });
    const location = `${server.url}/cal.ics`;
    const ingest = thread(BUNDLE);
    const [first, second] = await Promise.all([ingest.ingest({ location }), ingest.ingest({ location })]);
    expect(second).toBe(first);
    expect(server.hits.get('/cal.ics')).toBe(1);
    expect((await ingest.ingest({ location })).status).toBe('unchanged');
    expect(server.hits.get('/cal.ics')).toBe(2);
  }, 60_000);

  it('an ingest after close() is refused, not run in a new worker', async () => {
    const ingest = thread(BUNDLE);
    await ingest.close();
    await expect(ingest.ingest({ location: file('late.ics', THREE_EVENTS) })).rejects.toThrow(/closed/);
    expect(await db.store.listSources()).toEqual([]);
  }, 60_000);
});
