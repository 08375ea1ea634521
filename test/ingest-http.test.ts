import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type IngestRunOptions, ingestSource } from '../src/usecases/ingest-sources.ts';
import { THREE_EVENTS } from './support/calendars.ts';
import { startServer, type TestServer } from './support/http-server.ts';
import { depsFor, tempStore } from './support/store.ts';

const NOW = '2026-11-27T00:00:00Z';
const RUN: IngestRunOptions = {
  window: { fromMs: Date.parse('2026-11-26'), toMs: Date.parse('2027-11-27') },
  force: false,
};
const ETAG = 'W/"cal-7"';
const LAST_MODIFIED = 'Wed, 25 Nov 2026 10:00:00 GMT';

describe('ingest over HTTP keeps state per source', () => {
  let server: TestServer;
  let db: ReturnType<typeof tempStore>;
  let mode: Record<string, 'ok' | 'gone' | 'reset'> = {};

  beforeAll(async () => {
    server = await startServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/old') {
        res.writeHead(301, { location: '/new' });
        return void res.end();
      }
      if (path === '/temporary') {
        res.writeHead(302, { location: '/new' });
        return void res.end();
      }
      if (path === '/busy') {
        res.writeHead(429, { 'retry-after': '7200' });
        return void res.end();
      }
      const state = mode[path] ?? 'ok';
      if (state === 'gone') {
        res.writeHead(410);
        return void res.end();
      }
      if (state === 'reset') {
        res.writeHead(200, { 'content-type': 'text/calendar', 'content-length': '99999' });
        res.write(THREE_EVENTS.slice(0, 120));
        return void setTimeout(() => res.destroy(), 20);
      }
      // Validators sent back verbatim mean "unchanged" (RFC 9110 13.1).
      if (req.headers['if-none-match'] === ETAG && req.headers['if-modified-since'] === LAST_MODIFIED) {
        res.writeHead(304, { etag: ETAG });
        return void res.end();
      }
      res.writeHead(200, {
        'content-type': 'text/calendar; charset=utf-8',
        etag: ETAG,
        'last-modified': LAST_MODIFIED,
      });
      res.end(THREE_EVENTS);
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    db = tempStore();
    mode = {};
  });
  afterEach(() => db.cleanup());

  it('I14 304: validators are stored and sent back verbatim; unchanged, events kept', async () => {
    const first = await ingestSource(depsFor(db.store, NOW), { location: `${server.url}/cal.ics` }, RUN);
    expect(first.counts.new).toBe(3);
    const source = await db.store.getSource(`${server.url}/cal.ics`);
    expect(source).toMatchObject({ etag: ETAG, lastModified: LAST_MODIFIED });
    const second = await ingestSource(
      depsFor(db.store, NOW),
      { location: `${server.url}/cal.ics` },
      { ...RUN, force: true },
    );
    expect(second.status).toBe('unchanged');
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe(ETAG);
    const events = await db.store.listEvents({
      fromMs: 0,
      toMs: Date.parse('2030-01-01'),
      includeUndated: true,
      includeCancelled: false,
    });
    expect(events).toHaveLength(3);
  });

  it('301: the new URL is persisted and fetched directly next time; a 302 keeps the old one', async () => {
    const report = await ingestSource(depsFor(db.store, NOW), { location: `${server.url}/old` }, RUN);
    expect(report.status).toBe('ok');
    expect(report.source).toBe(`${server.url}/new`);
    const [source] = await db.store.listSources();
    expect(source?.location).toBe(`${server.url}/new`);
    const oldHits = server.hits.get('/old');
    await ingestSource(depsFor(db.store, NOW), { location: `${server.url}/new` }, { ...RUN, force: true });
    expect(server.hits.get('/old')).toBe(oldHits);

    await ingestSource(depsFor(db.store, NOW), { location: `${server.url}/temporary` }, RUN);
    expect(await db.store.getSource(`${server.url}/temporary`)).not.toBeNull();
  });

  it('I16 410: the source is disabled, its events kept, and it is skipped on schedule', async () => {
    await ingestSource(depsFor(db.store, NOW), { location: `${server.url}/feed.ics` }, RUN);
    mode['/feed.ics'] = 'gone';
    const gone = await ingestSource(
      depsFor(db.store, NOW),
      { location: `${server.url}/feed.ics` },
      { ...RUN, force: true },
    );
    expect(gone).toMatchObject({ status: 'error', error: { kind: 'http', message: 'HTTP 410' } });
    const source = await db.store.getSource(`${server.url}/feed.ics`);
    expect(source?.disabled).toBe(true);
    expect(source?.eventCount).toBe(3);
    const hits = server.hits.get('/feed.ics');
    const later = await ingestSource(
      depsFor(db.store, '2026-12-30T00:00:00Z'),
      { location: `${server.url}/feed.ics` },
      RUN,
    );
    expect(later.status).toBe('skipped');
    expect(server.hits.get('/feed.ics')).toBe(hits);
  });

  it('I16 429 with Retry-After 7200: the next check is at least two hours away', async () => {
    const report = await ingestSource(depsFor(db.store, NOW), { location: `${server.url}/busy` }, RUN);
    expect(report.error?.kind).toBe('http');
    expect(Date.parse(report.nextCheckAt!)).toBeGreaterThanOrEqual(Date.parse(NOW) + 2 * 3_600_000);
    const soon = await ingestSource(depsFor(db.store, '2026-11-27T01:00:00Z'), { location: `${server.url}/busy` }, RUN);
    expect(soon.status).toBe('skipped');
  });

  it('I16 failures back off exponentially and reset on success', async () => {
    await ingestSource(depsFor(db.store, NOW), { location: `${server.url}/flaky.ics` }, RUN);
    mode['/flaky.ics'] = 'reset';
    const delays: number[] = [];
    let now = Date.parse(NOW);
    for (let i = 0; i < 3; i++) {
      const r = await ingestSource(
        depsFor(db.store, new Date(now).toISOString()),
        { location: `${server.url}/flaky.ics` },
        { ...RUN, force: true },
      );
      delays.push(Date.parse(r.nextCheckAt!) - now);
      now += 3_600_000;
    }
    expect(delays).toEqual([15 * 60_000, 30 * 60_000, 60 * 60_000]);
    mode['/flaky.ics'] = 'ok';
    await ingestSource(
      depsFor(db.store, new Date(now).toISOString()),
      { location: `${server.url}/flaky.ics` },
      { ...RUN, force: true },
    );
    expect((await db.store.getSource(`${server.url}/flaky.ics`))?.failureCount).toBe(0);
  });

  it('I7 a reset mid-body records a network error and keeps every stored event live', async () => {
    await ingestSource(depsFor(db.store, NOW), { location: `${server.url}/cal2.ics` }, RUN);
    mode['/cal2.ics'] = 'reset';
    const report = await ingestSource(
      depsFor(db.store, NOW),
      { location: `${server.url}/cal2.ics` },
      { ...RUN, force: true },
    );
    expect(report.error?.kind).toBe('network');
    const source = await db.store.getSource(`${server.url}/cal2.ics`);
    expect(source).toMatchObject({ status: 'error', lastErrorKind: 'network', eventCount: 3 });
  });
});
