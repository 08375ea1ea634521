import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/core/event-store.ts';
import { parseSourceBytes } from '../../src/ingest/parse-source.ts';
import { type IngestRunOptions, ingestSource } from '../../src/usecases/ingest-sources.ts';
import { corpusFiles, corpusPath } from '../support/corpus.ts';
import { depsFor, tempStore } from '../support/store.ts';
import { MALFORMED } from './malformed-expectations.ts';

// Wide enough for every corpus file's dates (1996 to 2027), so events are really stored and counted.
const WIDE: IngestRunOptions = {
  window: { fromMs: Date.parse('1990-01-01'), toMs: Date.parse('2031-01-01') },
  force: true,
};
const ALL = {
  fromMs: Date.parse('1900-01-01'),
  toMs: Date.parse('2200-01-01'),
  includeUndated: true,
  includeCancelled: true,
};

describe('every corpus file ingests without a crash', () => {
  let db: ReturnType<typeof tempStore>;
  beforeAll(() => {
    db = tempStore();
  });
  afterAll(() => db.cleanup());

  it.each(corpusFiles('ics'))('calendar %s is read', async (file) => {
    const report = await ingestSource(depsFor(db.store), { location: corpusPath('ics', file) }, WIDE);
    expect(report.status, JSON.stringify(report.error)).toBe('ok');
    expect(report.format).toBe('ical');
  });

  it.each(corpusFiles('feeds'))('feed %s is read', async (file) => {
    const report = await ingestSource(depsFor(db.store), { location: corpusPath('feeds', file) }, WIDE);
    expect(report.status, JSON.stringify(report.error)).toBe('ok');
    expect(['rss', 'jsonfeed']).toContain(report.format);
  });

  it.each(corpusFiles('conferences'))('conference list %s is read', async (file) => {
    const report = await ingestSource(depsFor(db.store), { location: corpusPath('conferences', file) }, WIDE);
    expect(report.status, JSON.stringify(report.error)).toBe('ok');
    expect(report.format).toBe('conference-list');
  });

  it.each(corpusFiles('vcard'))('address book %s is refused as not_a_feed', async (file) => {
    const report = await ingestSource(depsFor(db.store), { location: corpusPath('vcard', file) }, WIDE);
    expect(report.status).toBe('error');
    expect(report.error?.kind).toBe('not_a_feed');
  });
});

describe('malformed files: a named error or a salvage, never a loss', () => {
  it('has an expectation for every file in corpus/malformed', () => {
    expect(corpusFiles('malformed').sort()).toEqual(Object.keys(MALFORMED).sort());
  });

  it.each(corpusFiles('malformed'))('%s', async (file) => {
    const expectation = MALFORMED[file]!;
    const db = tempStore();
    try {
      const report = await ingestSource(depsFor(db.store), { location: corpusPath('malformed', file) }, WIDE);
      if (expectation.outcome === 'error') {
        expect(report.status).toBe('error');
        expect(report.error?.kind).toBe(expectation.kind);
        expect(report.error?.message).toMatch(expectation.message);
        expect(report.error!.message.length).toBeLessThanOrEqual(300);
        const [source] = await db.store.listSources();
        expect(source?.lastErrorKind).toBe(expectation.kind);
        return;
      }
      expect(report.status, JSON.stringify(report.error)).toBe('ok');
      if (expectation.outcome === 'salvage') expect(report.warnings.join('\n')).toMatch(expectation.warning);
      // Nothing dropped or guessed, so nothing to report: a new warning here means a silent repair went loud or a regression.
      else expect(report.warnings, expectation.why).toEqual([]);
      const events = await db.store.listEvents(ALL);
      expect(events.length).toBeGreaterThanOrEqual(expectation.minEvents ?? 0);
    } finally {
      await db.cleanup();
    }
  });

  /** A good calendar is stored, then the same source starts serving the malformed file. */
  async function replaceGoodWith(file: string, store: EventStore, dir: string) {
    const location = join(dir, 'source.data');
    copyFileSync(corpusPath('ics', 'ical4j__EstoniaHolidays.ics'), location);
    const first = await ingestSource(depsFor(store), { location }, WIDE);
    expect(first.counts.new).toBeGreaterThan(50);
    const before = await store.listEvents(ALL);
    copyFileSync(corpusPath('malformed', file), location);
    const second = await ingestSource(depsFor(store), { location }, WIDE);
    const after = await store.listEvents(ALL);
    return { before, after, second };
  }

  it.each(corpusFiles('malformed'))('replacing a good calendar with %s loses no stored event', async (file) => {
    const db = tempStore();
    try {
      const { before, after, second } = await replaceGoodWith(file, db.store, db.dir);
      const afterIds = new Set(after.map((e) => e.id));
      for (const event of before) expect(afterIds.has(event.id)).toBe(true);
      if (second.status === 'error') {
        // Kept live: an error says nothing about whether the events still happen.
        expect(after.filter((e) => e.status === 'confirmed').length).toBe(before.length);
      }
    } finally {
      await db.cleanup();
    }
  });
});

/** Ingests one corpus file into a fresh store and hands its events and sources to a check. */
async function ingested(folder: string, file: string, check: (store: EventStore) => Promise<void>) {
  const db = tempStore();
  try {
    await ingestSource(depsFor(db.store), { location: corpusPath(folder, file) }, WIDE);
    await check(db.store);
  } finally {
    await db.cleanup();
  }
}

describe('odd but readable files are read right', () => {
  it('reads GEO whose semicolon SOGo escaped (sogo-geo-escaped-semicolon)', () =>
    ingested('malformed', 'ical4j__sogo-geo-escaped-semicolon.ics', async (store) => {
      const [event] = await store.listEvents(ALL);
      expect([event?.location.lat, event?.location.lon]).toEqual([12.34567, 12.34567]);
    }));

  it('reads a REFRESH-INTERVAL written with spaces in its name and parameters (python-icalendar issue 351)', async () => {
    const file = corpusPath('malformed', 'pyicalendar__issue_351_whitespace_in_property_and_params.ics');
    const parsed = await parseSourceBytes(readFileSync(file), null, {
      window: WIDE.window,
      nowMs: Date.parse('2026-11-27'),
      kind: null,
      topics: [],
    });
    expect(parsed.refreshMinutes).toBe(48 * 60);
  });

  it('demoronizes Windows-1252 punctuation declared as UTF-8 (feedparser demoronize-1)', () =>
    ingested('malformed', 'feedparser__demoronize-1.xml', async (store) => {
      const [event] = await store.listEvents(ALL);
      expect(event?.title).toMatch(/don’t/);
    }));

  it('reads a Windows zone name as its IANA zone (khal tz_windows_format)', () =>
    ingested('malformed', 'khal__tz_windows_format.ics', async (store) => {
      const [event] = await store.listEvents(ALL);
      // TZID "New Zealand Standard Time": 13:00 on 20 November 2019 is NZDT, UTC+13.
      expect(event?.timeZone).toBe('Pacific/Auckland');
      expect(event?.start).toBe('2019-11-20T00:00:00Z');
    }));

  it('reads the link of an item whose ampersands were escaped once (feedparser corrupted ampersands)', () =>
    ingested('malformed', 'feedparser__rss_item_link_corrupted_ampersands.xml', async (store) => {
      const [event] = await store.listEvents(ALL);
      expect(event?.url).toBe('http://link/get?a=1&b=2');
    }));

  it('decodes the euro sign of a windows-1252 feed that claims UTF-8 (miniflux)', () =>
    ingested('malformed', 'miniflux__windows-1252-incorrect-prolog.xml', async (store) => {
      const [source] = await store.listSources();
      expect(source?.name).toBe('Euro €');
    }));

  it('reads Windows-1251 and KOI8-R feeds by their declared charset', () =>
    ingested('feeds', 'miniflux__koi8r.xml', async (store) => {
      const titles = (await store.listEvents(ALL)).map((e) => e.title).join(' ');
      expect(titles).toMatch(/[А-Яа-я]/);
      expect(titles).not.toMatch(/\uFFFD/);
    }));
});
