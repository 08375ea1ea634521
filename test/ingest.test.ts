import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/core/clock.ts';
import { createApp } from '../src/http/app.ts';
import { createLruCache } from '../src/runtime/lru-cache.ts';
import { type IngestRunOptions, ingestSource, ingestSources } from '../src/usecases/ingest-sources.ts';
import { calendar, rss, THREE_EVENTS, vevent } from './support/calendars.ts';
import { depsFor, tempStore } from './support/store.ts';

const NOW = '2026-11-27T00:00:00Z';
const RUN: IngestRunOptions = {
  window: { fromMs: Date.parse('2026-11-26'), toMs: Date.parse('2027-11-27') },
  force: true,
};
const EVERYTHING = { fromMs: 0, toMs: Date.parse('2100-01-01'), includeUndated: true, includeCancelled: true };

describe('one clean event store', () => {
  let db: ReturnType<typeof tempStore>;
  const file = (name: string, content: string) => {
    const path = join(db.dir, name);
    writeFileSync(path, content);
    return path;
  };
  beforeEach(() => {
    db = tempStore();
  });
  afterEach(() => db.cleanup());

  it('re-ingesting unchanged input reports 0 new and 0 changed', async () => {
    const location = file('cal.ics', THREE_EVENTS);
    const first = await ingestSource(depsFor(db.store, NOW), { location }, RUN);
    expect(first).toMatchObject({ status: 'ok', counts: { new: 3, changed: 0, unchanged: 0, cancelled: 0 } });
    const again = await ingestSource(depsFor(db.store, NOW), { location }, RUN);
    expect(again).toMatchObject({ status: 'unchanged', counts: { new: 0, changed: 0, unchanged: 3, cancelled: 0 } });
  });

  it('a changed event counts as changed; one that vanished upstream is marked cancelled, not kept or deleted', async () => {
    const location = file('cal.ics', THREE_EVENTS);
    await ingestSource(depsFor(db.store, NOW), { location }, RUN);
    file(
      'cal.ics',
      calendar(
        vevent('a@test', '20261203T180000Z', 'Rust Berlin meetup (new venue)'),
        vevent('b@test', '20261210T180000Z', 'OWASP Berlin chapter meeting'),
      ),
    );
    const report = await ingestSource(depsFor(db.store, NOW), { location }, RUN);
    expect(report.counts).toEqual({ new: 0, changed: 1, unchanged: 1, cancelled: 1, withdrawn: 0 });
    const events = await db.store.listEvents(EVERYTHING);
    expect(events.find((e) => e.uid === 'c@test')?.status).toBe('cancelled');
    expect(events.find((e) => e.uid === 'a@test')?.title).toBe('Rust Berlin meetup (new venue)');
  });

  it('past occurrences that left the window are history, not cancellations', async () => {
    const location = file('cal.ics', THREE_EVENTS);
    await ingestSource(depsFor(db.store, NOW), { location }, RUN);
    const later: IngestRunOptions = {
      window: { fromMs: Date.parse('2026-12-12'), toMs: Date.parse('2027-12-12') },
      force: true,
    };
    const report = await ingestSource(depsFor(db.store, '2026-12-13T00:00:00Z'), { location }, later);
    expect(report.counts.cancelled).toBe(0);
  });

  it('I17 a source that starts serving an HTML page fails as not_a_feed and keeps its events live', async () => {
    const location = file('cal.ics', THREE_EVENTS);
    await ingestSource(depsFor(db.store, NOW), { location }, RUN);
    file('cal.ics', '<!doctype html><html><body>Please log in</body></html>');
    const report = await ingestSource(depsFor(db.store, NOW), { location }, RUN);
    expect(report.error).toEqual({ kind: 'not_a_feed', message: 'an HTML page, not a feed' });
    expect((await db.store.listEvents({ ...EVERYTHING, includeCancelled: false })).length).toBe(3);
    expect((await db.store.getSource(location))?.lastErrorKind).toBe('not_a_feed');
  });

  it('event ids are stable across runs and databases (source + UID + recurrence id)', async () => {
    const location = file(
      'weekly.ics',
      calendar(vevent('w@test', '20261201T170000Z', 'Weekly study group', ['RRULE:FREQ=WEEKLY;COUNT=4'])),
    );
    await ingestSource(depsFor(db.store, NOW), { location }, RUN);
    const ids = (await db.store.listEvents(EVERYTHING)).map((e) => e.id);
    const other = tempStore();
    try {
      await ingestSource(depsFor(other.store, NOW), { location }, RUN);
      expect((await other.store.listEvents(EVERYTHING)).map((e) => e.id)).toEqual(ids);
      expect(new Set(ids).size).toBe(4);
    } finally {
      await other.cleanup();
    }
  });

  it('the same UID twice in one file is stored once, without an error', async () => {
    const location = file(
      'dup.ics',
      calendar(vevent('d@test', '20261205T100000Z', 'First copy'), vevent('d@test', '20261205T100000Z', 'Second copy')),
    );
    const report = await ingestSource(depsFor(db.store, NOW), { location }, RUN);
    expect(report.status).toBe('ok');
    expect(report.warnings.join()).toMatch(/2 VEVENTs share this UID/);
    expect(await db.store.listEvents(EVERYTHING)).toHaveLength(1);
  });

  it('an RSS item is dated by its own words, never by its publication date; an undated one is kept undated', async () => {
    const location = file(
      'groups.xml',
      rss([
        {
          title: 'Rust book club: chapter 7',
          description: 'We meet on Thursday 14 January 2027 at 19:00 in the library.',
          pubDate: 'Mon, 23 Nov 2026 08:00:00 GMT',
          link: 'https://example.org/7',
        },
        {
          title: 'Looking for a host for our data study group',
          description: 'Reply if you can host&nbsp;us.',
          pubDate: 'Tue, 24 Nov 2026 08:00:00 GMT',
          link: 'https://example.org/host',
        },
      ]),
    );
    const report = await ingestSource(depsFor(db.store, NOW), { location }, RUN);
    expect(report.status).toBe('ok');
    const events = await db.store.listEvents(EVERYTHING);
    const dated = events.find((e) => e.title.startsWith('Rust book club'));
    expect(dated).toMatchObject({ start: '2027-01-14T19:00:00Z', kind: 'study-group' });
    const undated = events.find((e) => e.title.startsWith('Looking for a host'));
    expect(undated).toMatchObject({ start: null, end: null });
    expect(undated?.description).toBe('Reply if you can host\u00a0us.');
  });

  it('markup in feed text is stored as plain text', async () => {
    const location = file(
      'markup.xml',
      rss([
        {
          title: 'Talk &lt;b&gt;night&lt;/b&gt;',
          description: '&lt;p&gt;Hello &lt;script&gt;alert(1)&lt;/script&gt;&lt;em&gt;world&lt;/em&gt;&lt;/p&gt;',
        },
      ]),
    );
    await ingestSource(depsFor(db.store, NOW), { location }, RUN);
    const [event] = await db.store.listEvents(EVERYTHING);
    expect(event?.title).toBe('Talk night');
    expect(event?.description).toBe('Hello world');
  });

  it('one event listed by a calendar, a feed and a conference list becomes one event with three sources', async () => {
    const ics = file(
      'group.ics',
      calendar(
        vevent('rustfest-2027@rust.example', '20270521T070000Z', 'RustFest Berlin 2027', [
          'URL:https://rustfest.example/2027',
          'LOCATION:Berlin',
        ]),
      ),
    );
    const feed = file(
      'feed.xml',
      rss([
        {
          title: 'RustFest Berlin 2027 on 21 May 2027',
          link: 'https://www.rustfest.example/2027/?utm_source=rss',
          guid: 'post-1',
        },
      ]),
    );
    const conferences = file(
      'confs.json',
      JSON.stringify([
        {
          name: 'RustFest Berlin',
          url: 'https://rustfest.example/other-page',
          startDate: '2027-05-21',
          endDate: '2027-05-22',
          city: 'Berlin',
          country: 'Germany',
          online: false,
        },
        {
          name: 'RustFest Zürich',
          url: 'https://zurich.rustfest.example',
          startDate: '2027-05-21',
          endDate: '2027-05-21',
          city: 'Zürich',
          country: 'Switzerland',
          online: false,
        },
      ]),
    );
    const reports = await ingestSources(
      depsFor(db.store, NOW),
      [{ location: ics }, { location: feed }, { location: conferences }],
      { ...RUN, concurrency: 1 },
    );
    expect(reports.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    const events = await db.store.listEvents(EVERYTHING);
    const berlin = events.filter((e) => e.title.includes('Berlin'));
    expect(berlin).toHaveLength(1);
    expect(berlin[0]!.sources.sort()).toEqual([conferences, feed, ics].sort());
    expect(events.find((e) => e.title === 'RustFest Zürich')?.sources).toEqual([conferences]);
  });

  it('keeps the call for papers of a conference list', async () => {
    const location = file(
      'confs.json',
      JSON.stringify([
        {
          name: 'SecConf',
          url: 'https://secconf.example',
          startDate: '2027-03-10',
          endDate: '2027-03-11',
          city: 'Lisbon',
          country: 'Portugal',
          online: true,
          cfpUrl: 'https://secconf.example/cfp',
          cfpEndDate: '2026-12-31',
        },
      ]),
    );
    await ingestSource(depsFor(db.store, NOW), { location, topics: ['security'] }, RUN);
    const [event] = await db.store.listEvents(EVERYTHING);
    expect(event).toMatchObject({
      kind: 'conference',
      online: 'hybrid',
      start: '2027-03-10',
      end: '2027-03-12',
      allDay: true,
      topics: ['security'],
      cfp: { url: 'https://secconf.example/cfp', closes: '2026-12-31' },
      location: { city: 'Lisbon', country: 'Portugal' },
    });
  });

  it('an online conference of a list is stored and served as "Online", with no city or country "Online"', async () => {
    const entry = (name: string, startDate: string, city: string, country: string, online?: boolean) => ({
      name,
      url: `https://${name.toLowerCase().replace(/\W+/g, '-')}.example`,
      startDate,
      city,
      country,
      ...(online === undefined ? {} : { online }),
    });
    const location = file(
      'confs.json',
      JSON.stringify([
        entry('WasmCon', '2027-03-10', 'Online', 'Online', true),
        entry('NYC Rust', '2027-03-11', 'New York', 'New York'),
      ]),
    );
    await ingestSource(depsFor(db.store, NOW), { location }, RUN);
    const events = await db.store.listEvents(EVERYTHING);
    expect(events.find((e) => e.title === 'WasmCon')).toMatchObject({
      online: true,
      location: { text: 'Online', city: null, country: null },
    });
    const app = createApp({ cache: createLruCache(1_000), store: db.store, clock: fixedClock(NOW) });
    const served = await (await app.request('/v1/events?from=2027-01-01&to=2027-12-31')).json();
    const place = (title: string) => served.events.find((e: { title: string }) => e.title === title).location.text;
    expect(place('WasmCon')).toBe('Online');
    expect(place('NYC Rust')).toBe('New York, New York');
  });
});
