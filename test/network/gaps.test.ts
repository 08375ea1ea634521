import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/core/event.ts';
import { defaultLexicon } from '../../src/core/lexicon.ts';
import { type Contact, type ProfileInput, ProfileSchema } from '../../src/core/profile.ts';
import { computeGaps } from '../../src/network/gaps/compute-gaps.ts';
import { contactsFrom } from '../support/contacts.ts';
import { storedEvent } from '../support/events.ts';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const lexicon = defaultLexicon();

function gapsOf(profile: Partial<ProfileInput>, contacts: Partial<Contact>[] = [], events: StoredEvent[] = []) {
  const parsed = ProfileSchema.parse({ interests: ['rust'], ...profile });
  const full = contactsFrom(contacts);
  return computeGaps({ profile: parsed, contacts: full, events, nowMs: NOW, lexicon });
}

/** A conference on 1 February 2027 unless told otherwise. */
function event(overrides: Partial<StoredEvent>): StoredEvent {
  return storedEvent({
    uid: 'e',
    id: overrides.uid ?? 'e',
    start: '2027-02-01',
    end: '2027-02-02',
    allDay: true,
    kind: 'conference',
    ...overrides,
  });
}

const daysAgo = (days: number) => new Date(NOW - days * 86_400_000).toISOString().slice(0, 10);

describe('coverage gap', () => {
  it.each([
    ['no contacts at all', [], 'no contacts in security, an interest of weight 2'],
    [
      'one contact in the field',
      [{ name: 'Grace', fields: ['security'] }],
      'only 1 contact in security, an interest of weight 2',
    ],
    [
      'a field found in the organisation and title',
      [{ name: 'Grace', org: 'OWASP', title: 'pentester' }],
      'only 1 contact in security, an interest of weight 2',
    ],
  ])('%s', (_name, contacts, text) => {
    const gaps = gapsOf({ interests: [{ term: 'security', weight: 2 }] }, contacts);
    expect(gaps.coverage[0]?.text).toBe(text);
  });

  it('is no gap with three contacts in the field', () => {
    const gaps = gapsOf(
      { interests: ['security'] },
      ['A', 'B', 'C'].map((name) => ({ name, fields: ['security'] })),
    );
    expect(gaps.coverage.find((g) => g.field === 'security')).toBeUndefined();
  });

  it('weights by how much the user cares and lists fields next to an interest after it', () => {
    const gaps = gapsOf({ interests: ['rust', { term: 'security', weight: 3 }] }, [
      { name: 'Linus', fields: ['rust'] },
    ]);
    expect(gaps.coverage[0]).toMatchObject({ field: 'security', weight: 3, contacts: 0, adjacentTo: null });
    const privacy = gaps.coverage.find((g) => g.field === 'privacy');
    expect(privacy).toMatchObject({
      adjacentTo: 'security',
      weight: 1.5,
      text: 'no contacts in privacy, next to your interest in security',
    });
  });
});

describe('maintenance gap', () => {
  it('names an overdue close contact, how long ago and where to meet them', () => {
    const gaps = gapsOf({}, [
      { name: 'Grace Hopper', tier: 'close', lastSeen: daysAgo(245), communities: ['OWASP Berlin'] },
    ]);
    expect(gaps.maintenance.overdue[0]?.text).toBe(
      'Grace Hopper (close) last seen 8 months ago, usually at OWASP Berlin',
    );
  });

  it('puts deeper relationships first, then the most overdue', () => {
    const gaps = gapsOf({}, [
      { name: 'Acq', tier: 'acquaintance', lastSeen: daysAgo(900) },
      { name: 'Reg', tier: 'regular', lastSeen: daysAgo(100) },
      { name: 'Close', tier: 'close', lastSeen: daysAgo(40) },
    ]);
    expect(gaps.maintenance.overdue.map((m) => m.name)).toEqual(['Close', 'Reg', 'Acq']);
  });

  it('follows a configured cadence', () => {
    const contacts = [{ name: 'Reg', tier: 'regular' as const, lastSeen: daysAgo(60) }];
    expect(gapsOf({}, contacts).maintenance.overdue).toHaveLength(0);
    expect(
      gapsOf({ maintenance: { close: 7, regular: 45, acquaintance: 365 } }, contacts).maintenance.overdue,
    ).toHaveLength(1);
  });

  it('lists contacts with no known last meeting apart, never as overdue', () => {
    const gaps = gapsOf({}, [
      { name: 'A', tier: 'close' },
      { name: 'B', tier: 'regular' },
    ]);
    expect(gaps.maintenance.overdue).toEqual([]);
    expect(gaps.maintenance.unknown).toEqual([
      { name: 'A', tier: 'close' },
      { name: 'B', tier: 'regular' },
    ]);
    expect(gaps.maintenance.text).toMatch(/2 with no known last meeting/);
  });

  it('warns about a last meeting in the future (clock skew) and does not count it as overdue', () => {
    const gaps = gapsOf({}, [{ name: 'Future', tier: 'close', lastSeen: '2027-06-01' }]);
    expect(gaps.warnings).toContain('Future: lastSeen 2027-06-01 is in the future (clock skew?); treated as unknown');
    expect(gaps.maintenance.overdue).toEqual([]);
  });

  it('merges duplicate contacts with a warning, keeping the deeper tier and the later meeting', () => {
    const gaps = gapsOf({}, [
      { name: 'Grace Hopper', email: 'grace@example.org', tier: 'acquaintance', lastSeen: daysAgo(400) },
      { name: 'grace hopper', email: 'GRACE@example.org', tier: 'close', lastSeen: daysAgo(50) },
    ]);
    expect(gaps.warnings).toContain('grace hopper is listed 2 times; merged into one contact');
    expect(gaps.maintenance.overdue).toHaveLength(1);
    expect(gaps.maintenance.overdue[0]).toMatchObject({ tier: 'close', daysSince: 50 });
  });

  it('keeps two people of the same name at different organisations apart', () => {
    const gaps = gapsOf({}, [
      { name: 'Sam Lee', org: 'Acme', tier: 'close' },
      { name: 'Sam Lee', org: 'Globex', tier: 'close' },
    ]);
    expect(gaps.maintenance.unknown).toHaveLength(2);
  });
});

describe('channel balance', () => {
  const met = (channel: 'online' | 'offline', n: number) =>
    Array.from({ length: n }, (_, i) => ({ name: `${channel}${i}`, lastSeen: daysAgo(10 + i), channel }));
  it.each([
    [
      'mostly online asks for in-person venues',
      [...met('online', 5), ...met('offline', 1)],
      'offline',
      '5 of your 6 meetings in the last 6 months were online: in-person events would balance that',
    ],
    [
      'mostly in person asks for online venues',
      [...met('offline', 4)],
      'online',
      '4 of your 4 meetings in the last 6 months were in person: an online community would widen your reach',
    ],
    [
      'a mix is balanced',
      [...met('online', 2), ...met('offline', 2)],
      null,
      '2 online and 2 in-person meetings in the last 6 months: balanced',
    ],
    [
      'too few meetings say nothing',
      met('online', 2),
      null,
      'only 2 recent meetings with a known channel: too few to tell',
    ],
  ])('%s', (_name, contacts, needs, text) => {
    expect(gapsOf({}, contacts).channel).toMatchObject({ needs, text });
  });

  it('ignores meetings older than six months', () => {
    const old = Array.from({ length: 5 }, (_, i) => ({
      name: `o${i}`,
      lastSeen: daysAgo(300),
      channel: 'online' as const,
    }));
    expect(gapsOf({}, old).channel.needs).toBeNull();
  });
});

describe('give-first gap', () => {
  it('lists an open call for papers in a field of expertise, with its deadline', () => {
    const gaps = gapsOf(
      { expertise: ['accessibility'] },
      [],
      [event({ uid: 'a', title: 'A11yCamp Europe', cfp: { url: 'https://a11y.example/cfp', closes: '2027-01-15' } })],
    );
    expect(gaps.giveFirst.opportunities).toEqual([
      expect.objectContaining({
        kind: 'cfp',
        field: 'accessibility',
        closes: '2027-01-15',
        text: 'you know accessibility: the call for papers of A11yCamp Europe closes 2027-01-15',
      }),
    ]);
  });

  it('leaves out closed calls, events outside the expertise and past events', () => {
    const gaps = gapsOf(
      { expertise: ['accessibility'] },
      [],
      [
        event({ uid: 'closed', title: 'A11y closed', cfp: { url: null, closes: '2026-10-01' } }),
        event({ uid: 'other', title: 'RustConf', cfp: { url: null, closes: '2027-01-01' } }),
        event({ uid: 'past', title: 'A11y volunteers day', kind: 'volunteer', start: '2026-11-01', end: '2026-11-02' }),
      ],
    );
    expect(gaps.giveFirst.opportunities).toEqual([]);
  });

  it('finds host and volunteer roles, once per recurring series, soonest first', () => {
    const gaps = gapsOf(
      { expertise: ['security'] },
      [],
      [
        event({
          id: 'v2',
          uid: 'vol',
          title: 'Security volunteers',
          kind: 'volunteer',
          start: '2027-02-10',
          end: '2027-02-11',
        }),
        event({
          id: 'v1',
          uid: 'vol',
          title: 'Security volunteers',
          kind: 'volunteer',
          start: '2027-01-10',
          end: '2027-01-11',
        }),
        event({
          id: 'h',
          uid: 'host',
          title: 'Security study group',
          kind: 'study-group',
          description: 'Looking for a host for our next session.',
          start: '2026-12-05',
          end: '2026-12-06',
        }),
      ],
    );
    expect(gaps.giveFirst.opportunities.map((o) => [o.kind, o.eventId])).toEqual([
      ['host', 'h'],
      ['volunteer', 'v1'],
    ]);
  });

  it('asks for expertise when the profile names none', () => {
    expect(gapsOf({}).giveFirst.text).toBe('add expertise to your profile to find where you can give first');
  });
});
