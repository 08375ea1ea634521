import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import type { Geocoder } from '../../src/core/geocoder.ts';
import { ProfileSchema } from '../../src/core/profile.ts';
import { placeText } from '../../src/places/place-text.ts';
import { nodeGazetteer } from '../../src/runtime/node-gazetteer.ts';
import { ingestSources } from '../../src/usecases/ingest-sources.ts';
import { recommend } from '../../src/usecases/recommend.ts';
import { refreshPlaces } from '../../src/usecases/refresh-places.ts';
import { depsFor, tempStore } from '../support/store.ts';

type Expected = { city: string; country: string } | { country: string } | 'online' | 'unknown';

/**
 * LOCATION values exactly as the corpus calendars carry them (file named per row; see
 * ../shared/corpus/SOURCES.md for origin and licence), with where they are.
 */
const CORPUS_LOCATIONS: [string, string, Expected][] = [
  ['nodeical__multi-event-basic.ics', 'Cologne, Germany', { city: 'Köln', country: 'DE' }],
  ['nodeical__multi-event-basic.ics', 'Warsaw, Poland', { city: 'Warsaw', country: 'PL' }],
  ['nodeical__multi-event-basic.ics', 'Brighton, United Kingdom', { city: 'Brighton', country: 'GB' }],
  ['nodeical__multi-event-basic.ics', 'Fortaleza, Brazil', { city: 'Fortaleza', country: 'BR' }],
  ['nodeical__multi-event-basic.ics', 'Stockholm, Sweden', { city: 'Stockholm', country: 'SE' }],
  ['nodeical__multi-event-basic.ics', 'Fort Lauderdale, United States', { city: 'Fort Lauderdale', country: 'US' }],
  ['nodeical__multi-event-basic.ics', 'Portland, United States', { city: 'Portland', country: 'US' }],
  [
    'recurring__machbar_16_feb_2019.ics',
    'FEZ-Berlin, Str. zum FEZ 2, 12459 Berlin, Deutschland',
    { city: 'Berlin', country: 'DE' },
  ],
  [
    'recurring__machbar_16_feb_2019.ics',
    'Treffpunkt Freizeit, Am Neuen Garten 64, 14469 Potsdam, Deutschland',
    { city: 'Potsdam', country: 'DE' },
  ],
  [
    'recurring__machbar_16_feb_2019.ics',
    'Stadt- und Landesbibliothek Potsdam, Am Kanal 47, 14467 Potsdam, Germany',
    { city: 'Potsdam', country: 'DE' },
  ],
  [
    'recurring__fablab_cottbus.ics',
    'FabLab Cottbus @ Walther-Pauer-Straße 5 03044 Cottbus',
    { city: 'Cottbus', country: 'DE' },
  ],
  ['ical4j__apple-iphone-os-26-structured-location.ics', 'Hauptstraße 1-5; 4041 Linz', { city: 'Linz', country: 'AT' }],
  ['ical4j__japan_west.ics', 'Hiroshima (Peace Memorial Park)', { city: 'Hiroshima', country: 'JP' }],
  ['ical4j__japan_west.ics', 'Kure City (Kawajiri)', { city: 'Kure', country: 'JP' }],
  ['ical4j__japan_west.ics', 'Onomichi (Jodoji Temple)', { city: 'Onomichi', country: 'JP' }],
  ['ical4j__japan_west.ics', 'Takehara (10 minute walk from Ono Station)', { city: 'Takehara', country: 'JP' }],
  ['ical4j__japan_west.ics', 'Miyajima (Itsukushima Shrine)', 'unknown'],
  ['ical4j__japan_west.ics', 'Japan', { country: 'JP' }],
  ['recurring__Germany_Holidays.ics', 'Germany', { country: 'DE' }],
  ['ical4j__Packers.ics', 'Kansas', { country: 'US' }],
  ['nodeical__test_date_duration.ics', 'Kriftel', { city: 'Kriftel', country: 'DE' }],
  [
    'nodeical__meetup-timed-tz.ics',
    'Open Source Project Tempe (1415 E University Dr. #103A, Tempe, AZ 85281)',
    { city: 'Tempe', country: 'US' },
  ],
  [
    'calagator__ical_google.ics',
    'Lucky Lab, 915 SE Hawthorne Blvd., Portland, OR, 97214',
    { city: 'Portland', country: 'US' },
  ],
  ['calagator__ical_google.ics', 'PNCA room 205 (main building) in Portland, OR', { city: 'Portland', country: 'US' }],
  ['calagator__ical_google.ics', 'see website', 'unknown'],
  [
    'calagator__ical_upcoming_many.ics',
    'Austin Convention Center @ 500 E Cesar Chavez Street, Austin, Texas 78701 US',
    { city: 'Austin', country: 'US' },
  ],
  [
    'calagator__ical_upcoming_many.ics',
    'Hilton Vancouver Washington @ 301 West 6th Street, Vancouver, Washington 98660 US',
    { city: 'Vancouver', country: 'US' },
  ],
  ['icsparser__ICal.ics', 'Melbourne VIC, Australia', { city: 'Melbourne', country: 'AU' }],
  ['libical__2446.ics', 'Building 32, Microsoft, Seattle, WA', { city: 'Seattle', country: 'US' }],
  ['libical__2446.ics', 'Conference Call', 'online'],
  ['libical__2446.ics', 'http://www.midwaystadium.com/', 'unknown'],
  ['nodeical__ms_timezones.ics', 'https://bluejeans.com/7999979999', 'online'],
  ['recurring__rdate_hackerpublicradio.ics', 'mumble.openspeak.cc port: 64747', 'online'],
  ['pyicalendar__issue_350.ics', 'online', 'online'],
  ['nodeical__festival-multiday-rrule.ics', 'Main stage', 'unknown'],
  ['pyvobject__radicale-0827.ics', 'Some place, Some where', 'unknown'],
  ['nodeical__daily-count-exdate-recurrence-id.ics', 'The other island', 'unknown'],
];

/** The forms issue 11 names that the corpus happens not to hold, written for this test. */
const WRITTEN_HERE: [string, string, Expected][] = [
  ['a Meetup venue', 'c-base (Rungestraße 20, Berlin, de)', { city: 'Berlin', country: 'DE' }],
  ['a native name', 'Lisboa', { city: 'Lisbon', country: 'PT' }],
  ['a native name with country', 'München, Deutschland', { city: 'Munich', country: 'DE' }],
  ['a zoom room', 'https://zoom.us/j/123456789', 'online'],
  ['confs.tech', 'Las Vegas, NV, U.S.A.', { city: 'Las Vegas', country: 'US' }],
];

function asExpected(placed: ReturnType<typeof placeText>): Expected {
  if (!placed) return 'unknown';
  if (placed.kind === 'online') return 'online';
  if (placed.kind === 'country') return { country: placed.country };
  return { city: placed.city, country: placed.country };
}

describe('placing free-text locations', () => {
  let gazetteer: Geocoder;
  beforeAll(async () => {
    gazetteer = await nodeGazetteer();
  });

  it.each([...CORPUS_LOCATIONS, ...WRITTEN_HERE])('%s: %s', (_from, text, expected) => {
    expect(asExpected(placeText(text, gazetteer))).toEqual(expected);
  });

  it('puts Portland, OR in Oregon and Vancouver, Washington in the United States', () => {
    const portland = placeText('Lucky Lab, 915 SE Hawthorne Blvd., Portland, OR, 97214', gazetteer);
    expect(portland).toMatchObject({ lat: expect.closeTo(45.5, 0), lon: expect.closeTo(-122.7, 0) });
    const vancouver = placeText(
      'Hilton Vancouver Washington @ 301 West 6th Street, Vancouver, Washington 98660 US',
      gazetteer,
    );
    expect(vancouver).toMatchObject({ lat: expect.closeTo(45.6, 0) });
  });
});

describe('reach from stored places', () => {
  const db = tempStore();
  const now = '2026-11-27T09:00:00Z';
  const lisbon = ProfileSchema.parse({
    interests: ['rust'],
    location: { city: 'Lisbon', country: 'Portugal' },
    travel: { maxKm: 100, online: true },
  });
  const calendar = (events: [string, string][]) =>
    [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//convene test//EN',
      ...events.flatMap(([uid, location], k) => [
        'BEGIN:VEVENT',
        `UID:${uid}`,
        `DTSTART:202612${String(3 + 7 * k).padStart(2, '0')}T180000Z`,
        `DTEND:202612${String(3 + 7 * k).padStart(2, '0')}T200000Z`,
        `SUMMARY:Rust meetup ${uid}`,
        `LOCATION:${location}`,
        'END:VEVENT',
      ]),
      'END:VCALENDAR',
      '',
    ].join('\r\n');
  beforeAll(async () => {
    const file = join(db.dir, 'meetups.ics');
    writeFileSync(
      file,
      calendar([
        ['seattle', 'Building 32\\, Microsoft\\, Seattle\\, WA'],
        ['lisbon', 'Rust Lisboa (Rua da Prata 80\\, Lisboa\\, pt)'],
        ['stage', 'Main stage'],
      ]),
    );
    await ingestSources({ ...depsFor(db.store, now), geocoder: nodeGazetteer }, [{ location: file }], {
      window: { fromMs: Date.parse(now), toMs: Date.parse(now) + 60 * 86_400_000 },
      force: true,
    });
  }, 60_000);
  afterAll(() => db.cleanup());

  it('never picks an in-person event placed beyond the radius, and says when a place is unknown', async () => {
    const { picks } = await recommend(
      { store: db.store, clock: fixedClock(now), geocoder: nodeGazetteer },
      { profile: lisbon, contacts: [], userKey: 'lisbon', limit: 10 },
    );
    expect(picks.map((p) => p.event.title).sort()).toEqual(['Rust meetup lisbon', 'Rust meetup stage']);
    const stage = picks.find((p) => p.event.title === 'Rust meetup stage')!;
    expect(stage.reasons).toContainEqual({
      kind: 'nearby',
      text: 'where it takes place is not known: check before you go',
      weight: 0,
    });
    const near = picks.find((p) => p.event.title === 'Rust meetup lisbon')!;
    expect(near.event.city).toBe('Lisbon');
    expect(near.reasons.find((r) => r.kind === 'nearby')!.text).toMatch(/^in Lisbon, \d+ km away$/);
  });

  it('reads stored coordinates without a gazetteer, and places refresh leaves a current store as it is', async () => {
    const { picks } = await recommend(
      { store: db.store, clock: fixedClock(now) },
      {
        profile: { ...lisbon, location: { ...lisbon.location!, lat: 38.72, lon: -9.14 } },
        contacts: [],
        userKey: 'x',
        limit: 10,
      },
    );
    expect(picks.map((p) => p.event.title)).not.toContain('Rust meetup seattle');
    expect(await refreshPlaces({ store: db.store, geocoder: await nodeGazetteer() })).toEqual({ changed: 0 });
  });
});
