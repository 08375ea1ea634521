import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valueMs } from '../../src/core/dates.ts';
import type { StoredEvent } from '../../src/core/event.ts';
import { buildVenueDirectory, type VenueDirectory } from '../../src/score/venues/venue-directory.ts';
import { conferenceName, placeKey, siteOf } from '../../src/score/venues/venue-key.ts';
import { type IngestRunOptions, ingestSource } from '../../src/usecases/ingest-sources.ts';
import { corpusFiles, corpusPath } from '../support/corpus.ts';
import { depsFor, tempStore } from '../support/store.ts';

const WIDE: IngestRunOptions = {
  window: { fromMs: Date.parse('1990-01-01'), toMs: Date.parse('2031-01-01') },
  force: true,
};
const DAY_MS = 86_400_000;

describe('venues built from the whole corpus', () => {
  let db: ReturnType<typeof tempStore>;
  let events: StoredEvent[];
  let directory: VenueDirectory;
  const venues = new Map<string, StoredEvent[]>();

  beforeAll(async () => {
    db = tempStore();
    for (const [folder, files] of [
      ['conferences', corpusFiles('conferences')],
      ['ics', corpusFiles('ics')],
      ['feeds', corpusFiles('feeds')],
    ] as const)
      for (const file of files) await ingestSource(depsFor(db.store), { location: corpusPath(folder, file) }, WIDE);
    events = await db.store.listEvents({
      fromMs: Number.MIN_SAFE_INTEGER,
      toMs: Number.MAX_SAFE_INTEGER,
      includeUndated: false,
      includeCancelled: false,
    });
    directory = buildVenueDirectory(events);
    for (const event of events) {
      const key = directory.keyOf.get(event.id)!;
      venues.set(key, [...(venues.get(key) ?? []), event]);
    }
  }, 120_000);
  afterAll(() => db.cleanup());

  // A recurring series' overrides may move (a conference call instead of the usual room): one UID is one
  // gathering. Separately published events are what a grouping can wrongly join.
  it('holds no venue with two separately published in-person dates within 60 days in different cities', () => {
    expect(venues.size).toBeGreaterThan(100);
    const crowded: string[] = [];
    for (const [key, list] of venues) {
      const dated = list
        .filter((e) => e.recurrenceId === null && e.online !== true && placeKey(e) && e.start)
        .map((e) => ({ city: placeKey(e), ms: valueMs(e.start!), title: e.title }))
        .sort((a, b) => a.ms - b.ms);
      for (let k = 1; k < dated.length; k++) {
        const [a, b] = [dated[k - 1]!, dated[k]!];
        if (b.ms - a.ms < 60 * DAY_MS && a.city !== b.city)
          crowded.push(`${key}: ${a.title} (${a.city}) / ${b.title} (${b.city})`);
      }
    }
    expect(crowded).toEqual([]);
  });

  it('mixes no two conference names unless their editions share one site, host and path', () => {
    const mixed: string[] = [];
    for (const [key, list] of venues) {
      const conferences = list.filter((e) => e.kind === 'conference' && e.recurrenceId === null);
      const names = new Set(conferences.map((e) => conferenceName(e).key));
      if (names.size < 2) continue;
      const sitesByName = new Map<string, Set<string | null>>();
      for (const e of conferences) {
        const name = conferenceName(e).key;
        sitesByName.set(name, (sitesByName.get(name) ?? new Set()).add(siteOf(e.url)));
      }
      const [first, ...rest] = [...sitesByName.values()];
      const shared = [...first!].filter((site) => site !== null && rest.every((s) => s.has(site)));
      if (shared.length === 0) mixed.push(`${key}: ${[...names].join(' / ')}`);
    }
    expect(mixed).toEqual([]);
  });

  it('keeps conferences that only share a host apart, and one brand per city apart', () => {
    const venueOfTitle = (pattern: RegExp) =>
      new Set(events.filter((e) => pattern.test(e.title)).map((e) => directory.keyOf.get(e.id)));
    const kubecon = venueOfTitle(/kubecon.*europe/i);
    const summit = venueOfTitle(/open source summit/i);
    expect(kubecon.size).toBeGreaterThan(0);
    expect(summit.size).toBeGreaterThan(0);
    expect([...kubecon].filter((k) => summit.has(k))).toEqual([]);
    const devops = venueOfTitle(/^devops fwdays/i);
    const softSkills = venueOfTitle(/^soft skills fwdays/i);
    expect([...devops].filter((k) => softSkills.has(k))).toEqual([]);
    const devopsdays = events.filter((e) => /^devopsdays /i.test(e.title));
    const cities = new Set(devopsdays.map((e) => placeKey(e)));
    const keys = new Set(devopsdays.map((e) => directory.keyOf.get(e.id)));
    expect(cities.size).toBeGreaterThan(2);
    expect(keys.size).toBeGreaterThanOrEqual(cities.size - 1);
  });
});
