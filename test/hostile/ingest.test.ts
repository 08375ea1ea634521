import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { FAILURE_KINDS } from '../../src/core/errors.ts';
import { createHttpReader } from '../../src/ingest/fetch/bounded-fetch.ts';
import {
  type IngestRunOptions,
  ingestSource,
  ingestSources,
  type SourceReport,
} from '../../src/usecases/ingest-sources.ts';
import { THREE_EVENTS } from '../support/calendars.ts';
import { startServer, type TestServer } from '../support/http-server.ts';
import { depsFor, tempStore } from '../support/store.ts';

const NOW = '2026-11-27T00:00:00Z';
const RUN: IngestRunOptions = {
  window: { fromMs: Date.parse('2026-11-26'), toMs: Date.parse('2027-11-27') },
  force: true,
};
const SECRET = 'INTERNAL-ADMIN root password hunter2';

describe('ingest of hostile sources over HTTP', () => {
  let server: TestServer;
  let db: ReturnType<typeof tempStore>;
  let serving: { status?: number; type: string; body: string; etag?: string } = { type: 'text/calendar', body: '' };
  let etagCount = 0;
  let slowResponses: ServerResponse[] = [];
  let slowCut = false;
  /** Cuts every slow response, open or still to come (until the next test): those ingests fail at once. */
  const releaseSlow = () => {
    slowCut = true;
    for (const res of slowResponses) res.destroy();
    slowResponses = [];
  };

  beforeAll(async () => {
    server = await startServer((req, res) => {
      if (req.url === '/rotating') {
        // A server that changes its ETag even when it answers 304 (A4): the stored validator must not follow.
        etagCount++;
        if (req.headers['if-none-match']) {
          res.writeHead(304, { etag: `"rotated-${etagCount}"` });
          return void res.end();
        }
        res.writeHead(200, { 'content-type': 'text/calendar', etag: '"first"' });
        return void res.end(THREE_EVENTS);
      }
      if (req.url?.startsWith('/slow')) {
        res.writeHead(200, { 'content-type': 'text/calendar' });
        res.write('BEGIN:VCALENDAR\r\n');
        if (slowCut) res.destroy();
        else slowResponses.push(res);
        return; // never ends: the total deadline or releaseSlow ends it
      }
      res.writeHead(serving.status ?? 200, {
        'content-type': serving.type,
        ...(serving.etag ? { etag: serving.etag } : {}),
      });
      res.end(serving.body);
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    slowCut = false;
    db = tempStore();
  });
  afterEach(() => db.cleanup());

  const ingest = (path: string) => ingestSource(depsFor(db.store, NOW), { location: `${server.url}${path}` }, RUN);
  const liveEvents = async () =>
    (
      await db.store.listEvents({
        fromMs: 0,
        toMs: Date.parse('2030-01-01'),
        includeUndated: true,
        includeCancelled: false,
      })
    ).length;

  it('I15 a 304 that carries a new ETag leaves the stored validator as it was', async () => {
    await ingest('/rotating');
    expect((await db.store.getSource(`${server.url}/rotating`))?.etag).toBe('"first"');
    const again = await ingest('/rotating');
    expect(again.status).toBe('unchanged');
    expect((await db.store.getSource(`${server.url}/rotating`))?.etag).toBe('"first"');
    expect(await liveEvents()).toBe(3);
  });

  it.each([
    ['an HTML login page', 'text/html', '<!doctype html><html><body><form>Log in</form></body></html>'],
    ['an empty body', 'text/calendar', ''],
    ['JSON where a calendar was', 'application/json', '{"error":"not found","items":[]}'],
  ])('I17 %s fails with a named error and the previous events stay', async (_name, type, body) => {
    serving = { type: 'text/calendar', body: THREE_EVENTS };
    expect((await ingest('/cal.ics')).counts.new).toBe(3);
    serving = { type, body };
    const report = await ingest('/cal.ics');
    expect(report.status).toBe('error');
    expect(['not_a_feed', 'parse']).toContain(report.error?.kind);
    expect(await liveEvents()).toBe(3);
  });

  it('AP6 an error recorded on a source is a kind and a short message, never the fetched body', async () => {
    for (const [status, type, body] of [
      [200, 'text/html', `<html><body>${SECRET}</body></html>`],
      [200, 'text/calendar', `BEGIN:VCALENDAR\r\n${SECRET}\r\nBEGIN:VEVENT\r\nDTSTART:garbage`],
      [200, 'application/rss+xml', `<rss><channel><item>${SECRET}</rss>`],
      [500, 'text/plain', SECRET],
    ] as const) {
      serving = { status, type, body };
      const report = await ingest('/internal');
      const source = await db.store.getSource(`${server.url}/internal`);
      expect(report.status).toBe('error');
      expect(FAILURE_KINDS).toContain(source?.lastErrorKind);
      expect(source?.lastErrorMessage?.length).toBeLessThanOrEqual(300);
      for (const word of ['INTERNAL', 'hunter2', 'password']) {
        expect(JSON.stringify(report), JSON.stringify(report)).not.toContain(word);
        expect(source?.lastErrorMessage).not.toContain(word);
      }
    }
  });

  it('I18 twelve slow feeds on one host do not starve a good feed on another: it is the first one done', async () => {
    // Another host (the limit counts host names, not ports).
    const good = await startServer((_req, res) => res.end(THREE_EVENTS), '127.0.0.2');
    try {
      // The slow feeds end only at these deadlines or when the good feed is done: without the per-host
      // limit they hold every slot, and the good feed cannot finish before the first of them times out.
      const reader = createHttpReader({
        fetch: globalThis.fetch,
        resolveHost: async (host) => [host],
        allowPrivateNetwork: true,
        userAgent: 'convene-test',
        limits: { headerTimeoutMs: 10_000, totalTimeoutMs: 10_000 },
      });
      const deps = { store: db.store, reader: { read: reader }, clock: fixedClock(NOW) };
      const goodLocation = `${good.url}/good.ics`;
      const specs = [
        ...Array.from({ length: 12 }, (_, i) => ({ location: `${server.url}/slow-${i}.ics` })),
        { location: goodLocation },
      ];
      const done: SourceReport[] = [];
      const reports = await ingestSources(deps, specs, {
        ...RUN,
        onResult: (r) => {
          done.push(r);
          if (r.source === goodLocation) releaseSlow();
        },
      });
      expect(done[0]?.source).toBe(goodLocation);
      expect(done[0]?.counts.new).toBe(3);
      expect(reports.filter((r) => r.status === 'error')).toHaveLength(12);
    } finally {
      releaseSlow();
      await good.close();
    }
  }, 60_000);

  it('I18 the per-host limit counts a host on every port as one host', async () => {
    const otherPort = await startServer((_req, res) => res.end(THREE_EVENTS));
    try {
      const reader = createHttpReader({
        fetch: globalThis.fetch,
        resolveHost: async () => ['127.0.0.1'],
        allowPrivateNetwork: true,
        userAgent: 'convene-test',
        limits: { headerTimeoutMs: 1000, totalTimeoutMs: 1000 },
      });
      const deps = { store: db.store, reader: { read: reader }, clock: fixedClock(NOW) };
      const specs = [{ location: `${server.url}/slow-port.ics` }, { location: `${otherPort.url}/other-port.ics` }];
      const done: string[] = [];
      await ingestSources(deps, specs, { ...RUN, perHost: 1, onResult: (r) => done.push(r.source) });
      // 127.0.0.1 is one host: the second source waits for the first, however long that takes.
      expect(done).toEqual(specs.map((s) => s.location));
    } finally {
      releaseSlow();
      await otherPort.close();
    }
  }, 60_000);

  it.each([0, -1, Number.NaN, 1.5])(
    'I18 a per-host limit of %s is refused at once, not a run that never ends',
    async (perHost) => {
      const deps = depsFor(db.store, NOW);
      await expect(ingestSources(deps, [{ location: `${server.url}/cal.ics` }], { ...RUN, perHost })).rejects.toThrow(
        /perHost must be a whole number >= 1/,
      );
      await expect(
        ingestSources(deps, [{ location: `${server.url}/cal.ics` }], { ...RUN, concurrency: perHost }),
      ).rejects.toThrow(/concurrency must be a whole number >= 1/);
    },
  );
});
