import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overlapFloor, withdrawnItems } from '../src/ingest/withdrawn-items.ts';
import { ingestSource, type SourceReport } from '../src/usecases/ingest-sources.ts';
import { rss } from './support/calendars.ts';
import { depsFor, storeRecords, tempStore } from './support/store.ts';

const WINDOW = { fromMs: Date.parse('2026-01-01'), toMs: Date.parse('2028-01-01') };
const NOW = '2026-11-27T00:00:00Z';
const day = (iso: string) => Date.parse(`${iso}T12:00:00Z`);

interface Item {
  guid: string;
  published: string;
  /** The evening the item announces, written in its description. */
  on?: string;
}

function rssItem({ guid, published, on = '2027-01-14' }: Item) {
  const evening = new Date(`${on}T19:00:00Z`).toLocaleDateString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return {
    title: `Session ${guid}`,
    guid,
    description: `Meet on ${evening}, 19:00`,
    pubDate: new Date(day(published)).toUTCString(),
  };
}

let db: ReturnType<typeof tempStore>;
let location: string;
beforeEach(() => {
  db = tempStore();
  location = `${db.dir}/feed.xml`;
});
afterEach(() => db.cleanup());

async function ingestText(text: string): Promise<SourceReport> {
  writeFileSync(location, text);
  const report = await ingestSource(depsFor(db.store, NOW), { location }, { window: WINDOW, force: true });
  expect(report.error).toBeNull();
  return report;
}
const ingestRss = (items: Item[]) => ingestText(rss(items.map(rssItem)));

async function statuses(): Promise<Record<string, string>> {
  const all = await db.store.listEvents({ ...WINDOW, includeUndated: true, includeCancelled: true });
  return Object.fromEntries(all.map((e) => [e.uid, e.status]));
}

const A = { guid: 'a', published: '2026-11-01' };
const B = { guid: 'b', published: '2026-11-02' };
const C = { guid: 'c', published: '2026-11-03' };
const D = { guid: 'd', published: '2026-11-04' };
const E = { guid: 'e', published: '2026-11-05' };
const F = { guid: 'f', published: '2026-11-06' };

describe('feed items withdrawn by their source, judged on the items listed in both runs', () => {
  it('a withdrawal is counted in the ingest report and the source status, not reported as unchanged', async () => {
    await ingestRss([A, B, C, D]);
    const report = await ingestRss([B, D, E, F]);
    expect(report.status).toBe('ok');
    expect(report.counts).toMatchObject({ new: 2, unchanged: 2, withdrawn: 1 });
    expect((await db.store.getSource(location))?.status).toBe('ok');
    expect(await statuses()).toMatchObject({ a: 'confirmed', c: 'withdrawn' });
    // The same listing again withdraws nothing more.
    const again = await ingestRss([B, D, E, F]);
    expect(again).toMatchObject({ status: 'unchanged', counts: { withdrawn: 0 } });
  });

  it.each([
    ['a pinned 2019 post', '2019-03-01'],
    ['an item misdated 1970', '1970-01-01'],
  ])(
    '%s kept at the top does not make the items scrolling out withdrawn; a real withdrawal still is',
    async (_, date) => {
      const pinned = { guid: 'pinned', published: date };
      await ingestRss([pinned, B, C, D]);
      const rolled = await ingestRss([pinned, C, D, E]);
      expect(rolled.counts.withdrawn).toBe(0);
      expect((await statuses()).b).toBe('confirmed');
      const taken = await ingestRss([pinned, C, E, F]);
      expect(taken.counts.withdrawn).toBe(1);
      expect(await statuses()).toMatchObject({ b: 'confirmed', d: 'withdrawn', pinned: 'confirmed' });
    },
  );

  it('an "upcoming events" feed sorted by event date: an event that took place and left the feed is not withdrawn', async () => {
    // Announced in any order; listed by the evening they announce. At NOW (27 Nov) the 25 Nov meetup is over.
    const over = { guid: 'over', published: '2026-11-10', on: '2026-11-25' };
    const dec1 = { guid: 'dec1', published: '2026-11-01', on: '2026-12-01' };
    const dec5 = { guid: 'dec5', published: '2026-11-02', on: '2026-12-05' };
    const dec10 = { guid: 'dec10', published: '2026-11-03', on: '2026-12-10' };
    const dec15 = { guid: 'dec15', published: '2026-11-20', on: '2026-12-15' };
    await ingestRss([over, dec1, dec5, dec10]);
    const report = await ingestRss([dec1, dec5, dec10, dec15]);
    expect(report.counts.withdrawn).toBe(0);
    expect((await statuses()).over).toBe('confirmed');
  });

  it('an Atom feed sorted by `updated`: an edited old entry at the top does not make the oldest entry withdrawn', async () => {
    const entry = (id: string, published: string, updated = published) =>
      `<entry><id>urn:${id}</id><title>Talk ${id}</title><published>${published}T12:00:00Z</published><updated>${updated}T12:00:00Z</updated><summary>Thursday 14 January 2027, 19:00</summary></entry>`;
    const atom = (entries: string[]) =>
      `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Talks</title><id>urn:feed</id><updated>2026-11-26T12:00:00Z</updated>${entries.join('')}</feed>`;
    await ingestText(
      atom([
        entry('a1', '2026-11-04'),
        entry('a2', '2026-11-03'),
        entry('a3', '2026-11-02'),
        entry('a4', '2026-11-01'),
      ]),
    );
    const report = await ingestText(
      atom([
        entry('old', '2026-09-01', '2026-11-26'),
        entry('a1', '2026-11-04'),
        entry('a2', '2026-11-03'),
        entry('a3', '2026-11-02'),
      ]),
    );
    expect(report.counts.withdrawn).toBe(0);
    expect((await statuses())['urn:a4']).toBe('confirmed');
  });

  it('a feed that returns fewer items than before (paging, trimming) withdraws nothing', async () => {
    await ingestRss([A, B, C, D]);
    const report = await ingestRss([A, B, D]);
    expect(report.counts.withdrawn).toBe(0);
    expect((await statuses()).c).toBe('confirmed');
  });

  it('a republished item carries its new date: gone while newer than the items still listed, it is withdrawn', async () => {
    await ingestRss([A, B, C, D]);
    await ingestRss([{ ...A, published: '2026-11-20' }, B, C, D]);
    const report = await ingestRss([B, C, D, E]);
    expect(report.counts.withdrawn).toBe(1);
    expect((await statuses()).a).toBe('withdrawn');
  });

  it('rows stored without a publication date get the date they are listed with, so they can be withdrawn later', async () => {
    const records = [A, B, C, D].map((item) => ({
      uid: item.guid,
      recurrenceId: null,
      title: `Session ${item.guid}`,
      description: 'Meet on Thursday 14 January 2027, 19:00',
      start: '2027-01-14T19:00:00.000Z',
      end: null,
      allDay: false,
      timeZone: 'UTC',
      location: { text: null, city: null, country: null, lat: null, lon: null },
      online: false as const,
      url: null,
      kind: 'other' as const,
      topics: [],
      cfp: null,
      organizer: null,
      status: 'confirmed' as const,
    }));
    await storeRecords(db.store, location, records, NOW);
    await ingestRss([A, B, C, D]);
    const report = await ingestRss([A, B, D, E]);
    expect(report.counts.withdrawn).toBe(1);
    expect((await statuses()).c).toBe('withdrawn');
  });
});

describe('the overlap floor', () => {
  it.each([
    ['no overlap', [], null],
    ['one date', [day('2026-11-03')], day('2026-11-03')],
    ['regular dates: the oldest', [day('2026-11-02'), day('2026-11-04'), day('2026-11-03')], day('2026-11-02')],
    ['a pinned outlier left out', [day('2019-01-01'), day('2026-11-03'), day('2026-11-04')], day('2026-11-03')],
    ['a 1970 date left out', [0, day('2026-11-02'), day('2026-11-03'), day('2026-11-04')], day('2026-11-02')],
  ])('%s', (_, dates, floor) => {
    expect(overlapFloor(dates)).toBe(floor);
  });

  it('nothing is withdrawn on a first listing or without any item listed in both runs', () => {
    const input = { nowMs: day('2026-11-27'), window: WINDOW };
    const previous = [{ id: 'x', publishedMs: day('2026-11-10'), startMs: null }];
    expect(withdrawnItems({ ...input, previous: [], current: new Map([['y', day('2026-11-11')]]) })).toEqual([]);
    expect(withdrawnItems({ ...input, previous, current: new Map([['y', day('2026-11-11')]]) })).toEqual([]);
  });
});
