import { describe, expect, it } from 'vitest';
import { cadenceOf } from '../../src/score/venues/cadence.ts';
import { buildVenueDirectory } from '../../src/score/venues/venue-directory.ts';
import { communityKey, conferenceName, siteOf, titleStem, urlParts } from '../../src/score/venues/venue-key.ts';
import { storedEvent } from '../support/events.ts';

const DAY_MS = 86_400_000;
const every = (days: number, count: number) => Array.from({ length: count }, (_, k) => k * days * DAY_MS);

describe('venue identity', () => {
  it.each([
    ['a chapter after a colon', 'Rust async reading group: chapter 3', 'Rust async reading group'],
    ['a session number before a bar', 'Session 4 | Rust async reading group', 'Rust async reading group'],
    ['a meetup number', 'Rust Meetup Berlin #42', 'Rust Meetup Berlin'],
    ['an ordinal edition and a year', '5th Accessibility Club Summit 2027', 'Accessibility Club Summit'],
    ['a format word before a colon', 'Meetup: Rust in production', 'Rust in production'],
    ['nothing but the talk after a one-word group name', 'BerlinJS: Signals in practice', 'BerlinJS'],
    ['nothing to take away', 'BerlinJS meetup', 'BerlinJS meetup'],
  ])('the title stem: %s', (_name, title, stem) => {
    expect(titleStem(title)).toBe(stem);
  });

  it.each([
    ['weekly', every(7, 6), { every: 'week', text: 'weekly' }],
    ['every two weeks', every(14, 5), { every: 'week', text: 'every two weeks' }],
    ['monthly, one date skipped', [0, 30, 61, 120, 150].map((d) => d * DAY_MS), { every: 'month', text: 'monthly' }],
    ['quarterly', every(91, 4), { every: 'month', text: 'quarterly' }],
    ['yearly', every(350, 2), { every: 'year', text: 'yearly' }],
    ['a single date', [0], { every: 'irregular', text: 'one date so far' }],
  ])('cadence: %s', (_name, starts, cadence) => {
    expect(cadenceOf(starts)).toEqual(cadence);
  });

  it('two groups in one city on different topics, or one title from two organisers, stay apart; sessions join', () => {
    const rust = storedEvent({ title: 'Rust Meetup Berlin #41', url: 'https://tech.example.org/e/1' });
    const rustAgain = storedEvent({ title: 'Rust Meetup Berlin #42', url: 'https://tech.example.org/e/2' });
    const go = storedEvent({ title: 'Go Meetup Berlin #12', url: 'https://tech.example.org/e/3' });
    expect(communityKey(rust)).toBe(communityKey(rustAgain));
    expect(communityKey(rust)).not.toBe(communityKey(go));
    const a = storedEvent({ title: 'Book club: chapter 1', organizer: 'Kreuzberg readers' });
    const b = storedEvent({ title: 'Book club: chapter 2', organizer: 'Mitte readers' });
    expect(communityKey(a)).not.toBe(communityKey(b));
    const hamburg = storedEvent({
      title: 'Rust Meetup Hamburg #3',
      url: 'https://tech.example.org/e/4',
      location: { text: 'Hamburg', city: 'Hamburg', country: 'Germany', lat: null, lon: null },
    });
    expect(communityKey(hamburg)).not.toBe(communityKey(rust));
  });

  it("one organiser's events under one name before a colon are one community, whatever each talk is called", () => {
    const talk = (title: string) => storedEvent({ title, organizer: 'BerlinJS e.V.' });
    const keys = ['BerlinJS: Signals in practice', 'BerlinJS: WebGPU for the rest of us', 'BerlinJS: Testing'].map(
      (title) => communityKey(talk(title)),
    );
    expect(new Set(keys).size).toBe(1);
    expect(communityKey(talk('Node Berlin: Streams'))).not.toBe(keys[0]);
  });

  it('a conference name keeps a city that is part of the brand and drops one that marks the edition', () => {
    const edition = (title: string, city: string) =>
      storedEvent({
        title,
        kind: 'conference',
        location: { text: city, city, country: 'Germany', lat: null, lon: null },
      });
    expect(conferenceName(edition('DevOpsDays Berlin 2026', 'Berlin')).key).toBe('devopsdays berlin');
    expect(conferenceName(edition('DevOpsDays Hamburg 2027', 'Hamburg')).key).toBe('devopsdays hamburg');
    expect(conferenceName(edition('PyCon DE 2026, Berlin', 'Berlin'))).toEqual({ key: 'pycon de', name: 'PyCon DE' });
    expect(conferenceName(edition('JSNation 2027 Amsterdam', 'Amsterdam')).key).toBe('jsnation');
    expect(conferenceName(edition('NodeConf (Kilkenny)', 'Kilkenny')).key).toBe('nodeconf');
    expect(siteOf('https://fwdays.com/en/event/devops-fwdays-2024')).toBe('fwdays.com/en/event/devops-fwdays');
    expect(siteOf('https://fwdays.com/en/event/soft-skills-fwdays-2024')).not.toBe(
      siteOf('https://fwdays.com/en/event/devops-fwdays-2025'),
    );
    expect(urlParts('https://www.example.org:8443/a/b?x=1')).toEqual({ host: 'example.org', path: ['a', 'b'] });
    expect(urlParts('javascript:alert(1)')).toBeNull();
  });
});

describe('the venue directory over every stored event', () => {
  const at = (day: number) => new Date(Date.parse('2026-01-07T18:00:00Z') + day * DAY_MS).toISOString();
  const berlin = { text: 'Tech Space, Berlin', city: 'Berlin', country: 'Germany', lat: null, lon: null };
  const online = { text: 'Online', city: null, country: null, lat: null, lon: null };

  it('a study group alternating Berlin and online is one venue, its rhythm read from past dates too', () => {
    const sessions = Array.from({ length: 8 }, (_, k) =>
      storedEvent({
        title: `Type theory study group: session ${k + 1}`,
        start: at(k * 14),
        kind: 'study-group',
        online: k % 2 === 1,
        location: k % 2 === 1 ? online : berlin,
      }),
    );
    const directory = buildVenueDirectory(sessions);
    expect(new Set(sessions.map((e) => directory.keyOf.get(e.id))).size).toBe(1);
    const [record] = directory.byKey.values();
    expect(record).toMatchObject({ name: 'Type theory study group', kind: 'study-group', recurring: true });
    expect(cadenceOf(record!.startsMs)).toEqual({ every: 'week', text: 'every two weeks' });
  });

  it('a listing of one brand in several cities at once is one venue per city', () => {
    const chapters = ['Berlin', 'Munich', 'Cologne'].flatMap((city, c) =>
      [0, 30].map((day) =>
        storedEvent({
          title: 'Python meetup',
          start: at(day + c),
          location: { text: city, city, country: 'Germany', lat: null, lon: null },
        }),
      ),
    );
    const directory = buildVenueDirectory(chapters);
    expect(directory.byKey.size).toBe(3);
  });

  it('a one-off event is no venue; a kind of other gives way to a venue kind', () => {
    const directory = buildVenueDirectory([
      storedEvent({ title: 'JavaScript performance workshop', kind: 'workshop' }),
      storedEvent({ title: 'Hack night', kind: 'other', start: at(0) }),
      storedEvent({ title: 'Hack night', kind: 'other', start: at(7) }),
    ]);
    const records = [...directory.byKey.values()].map((r) => [r.name, r.kind, r.recurring]);
    expect(records).toEqual([
      ['JavaScript performance workshop', 'workshop', false],
      ['Hack night', 'meetup', true],
    ]);
  });

  it('a renamed conference joins its earlier editions only through the same site, host and path', () => {
    const edition = (title: string, url: string, day: number) =>
      storedEvent({ title, url, kind: 'conference', start: at(day) });
    const old = edition('Frontend Camp 2025', 'https://camp.example.org/conf/', 0);
    const renamed = edition('WebCamp 2026', 'https://camp.example.org/conf/', 365);
    const neighbour = edition('Backend Camp 2026', 'https://camp.example.org/backend/', 30);
    const directory = buildVenueDirectory([old, renamed, neighbour]);
    expect(directory.keyOf.get(renamed.id)).toBe(directory.keyOf.get(old.id));
    expect(directory.keyOf.get(neighbour.id)).not.toBe(directory.keyOf.get(old.id));
  });
});
