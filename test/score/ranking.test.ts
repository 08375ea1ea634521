import { describe, expect, it } from 'vitest';
import type { Feedback } from '../../src/core/feedback.ts';
import { daysAgo, event, NOW, rank } from './scenario.ts';

describe('ranking scenarios, one per reason kind', () => {
  it('with no security contacts and an interest in security, a comparable security meetup outranks a JavaScript one and says why', () => {
    const security = event({
      title: 'Application security meetup',
      description: 'Talks on threat modelling and web security.',
    });
    const javascript = event({
      title: 'JavaScript meetup',
      description: 'Talks on frameworks and tooling.',
      start: '2026-12-04T18:00:00Z',
      end: '2026-12-04T20:00:00Z',
    });
    const { picks } = rank({ interests: ['security', 'javascript'] }, [javascript, security], {
      contacts: ['A', 'B', 'C'].map((name) => ({ name, fields: ['javascript'] })),
    });
    expect(picks.map((p) => p.event.title)).toEqual(['Application security meetup', 'JavaScript meetup']);
    expect(picks[0]!.reasons).toContainEqual(
      expect.objectContaining({ kind: 'coverage-gap', text: 'you have no contacts in security yet' }),
    );
    expect(picks[1]!.reasons.map((r) => r.kind)).not.toContain('coverage-gap');
  });

  it("an overdue close contact's community meetup rises and names the person", () => {
    const owasp = event({ title: 'OWASP Berlin chapter meeting', description: 'Security talks.' });
    const other = event({
      title: 'Berlin security night',
      description: 'Security talks.',
      start: '2026-12-02T18:00:00Z',
      end: '2026-12-02T20:00:00Z',
    });
    const contacts = [
      {
        name: 'Grace Hopper',
        tier: 'close' as const,
        lastSeen: daysAgo(245),
        communities: ['OWASP Berlin'],
        fields: ['security'],
      },
    ];
    // Without Grace the two are close; with her, her community's meeting leads.
    const without = rank({ interests: ['security'] }, [other, owasp]).picks.map((p) => p.event.title);
    const withGrace = rank({ interests: ['security'] }, [other, owasp], { contacts }).picks;
    expect(withGrace[0]!.event.title).toBe('OWASP Berlin chapter meeting');
    expect(withGrace[0]!.reasons).toContainEqual(
      expect.objectContaining({
        kind: 'maintenance',
        text: 'Grace Hopper (close, last seen 8 months ago) usually goes to OWASP Berlin',
      }),
    );
    expect(without).toHaveLength(2);
  });

  it("an open call for papers in the user's field of expertise appears in giveFirst with its deadline", () => {
    const conference = event({
      title: 'A11yCamp Europe',
      kind: 'conference',
      start: '2027-09-16',
      end: '2027-09-18',
      allDay: true,
      location: { text: 'Amsterdam, Netherlands', city: 'Amsterdam', country: 'Netherlands', lat: null, lon: null },
      cfp: { url: 'https://a11ycamp.example/cfp', closes: '2026-12-05' },
    });
    const { giveFirst, picks } = rank({ interests: ['rust'], expertise: ['accessibility'] }, [conference]);
    expect(giveFirst).toHaveLength(1);
    expect(giveFirst[0]!.reasons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'give-first',
          text: 'you know accessibility: the call for papers of A11yCamp Europe closes 2026-12-05',
        }),
        expect.objectContaining({ kind: 'deadline', text: 'the call for papers closes in 8 days' }),
      ]),
    );
    // Amsterdam is beyond 50 km and the event is not online: no pick to attend, only a way to give.
    expect(picks).toEqual([]);
  });

  it('the deadline reason follows the one closing rule: a call closed earlier today earns none, one closing today does', () => {
    const conference = (title: string, closes: string, start: string) =>
      event({
        title,
        kind: 'conference',
        topics: ['rust'],
        start,
        end: null,
        cfp: { url: 'https://cfp.example/', closes },
      });
    // NOW is 12:00 UTC: the first call closed at 09:00, the second is open through the whole day.
    const closed = conference('RustConf closed this morning', '2026-11-27T09:00:00Z', '2026-12-05T09:00:00Z');
    const today = conference('RustConf closing today', '2026-11-27', '2026-12-19T09:00:00Z');
    const { picks } = rank({ interests: ['rust'] }, [closed, today]);
    const deadline = (title: string) =>
      picks.find((p) => p.event.title === title)!.reasons.find((r) => r.kind === 'deadline')?.text;
    expect(deadline('RustConf closed this morning')).toBeUndefined();
    expect(deadline('RustConf closing today')).toBe('the call for papers closes today');
  });

  it('with only online contact in the last months, an in-person event outranks its online twin', () => {
    const inPerson = event({ title: 'Rust study group', kind: 'study-group', online: false });
    const online = event({
      title: 'Rust study group (online edition)',
      kind: 'study-group',
      online: true,
      start: '2026-12-04T18:00:00Z',
      end: '2026-12-04T20:00:00Z',
    });
    const contacts = ['A', 'B', 'C', 'D'].map((name, i) => ({
      name,
      lastSeen: daysAgo(10 + i),
      channel: 'online' as const,
      fields: ['rust'],
    }));
    const { picks } = rank({ interests: ['rust'] }, [online, inPerson], { contacts });
    expect(picks[0]!.event.title).toBe('Rust study group');
    expect(picks[0]!.reasons).toContainEqual(
      expect.objectContaining({ kind: 'channel-balance', text: 'in person: 4 of your 4 recent meetings were online' }),
    );
    expect(picks[1]!.reasons.map((r) => r.kind)).not.toContain('channel-balance');
  });

  it('the cadence cap holds in a week crowded with matches, and in-person picks never overlap', () => {
    const crowded = [1, 1, 2, 3, 4, 5].map((day, i) =>
      event({ title: `Rust meetup ${i}`, start: `2026-12-0${day}T18:00:00Z`, end: `2026-12-0${day}T20:00:00Z` }),
    );
    const nextWeek = event({
      title: 'Rust meetup next week',
      start: '2026-12-08T18:00:00Z',
      end: '2026-12-08T20:00:00Z',
    });
    const { picks } = rank({ interests: ['rust'], cadence: { perWeek: 2, perMonth: 5 } }, [...crowded, nextWeek]);
    const inFirstWeek = picks.filter((p) => p.event.start! < '2026-12-07');
    expect(inFirstWeek).toHaveLength(2);
    expect(new Set(inFirstWeek.map((p) => p.event.start)).size).toBe(2);
    expect(picks.map((p) => p.event.title)).toContain('Rust meetup next week');
  });
});

describe('every pick explains itself', () => {
  it('its score is exactly the sum of its reasons', () => {
    const events = [
      event({ title: 'Rust and WebAssembly night', description: 'Rust, wasm, security.' }),
      event({
        title: 'Volunteer: teach Rust to beginners',
        kind: 'volunteer',
        start: '2026-12-10T10:00:00Z',
        end: '2026-12-10T14:00:00Z',
      }),
    ];
    const { picks } = rank(
      { interests: ['rust', 'webassembly'], expertise: ['rust'], goals: ['give-back', 'learn'] },
      events,
    );
    expect(picks.length).toBeGreaterThan(0);
    for (const pick of picks) {
      const sum = pick.reasons.reduce((s, r) => s + r.weight, 0);
      expect(pick.score).toBeCloseTo(sum, 2);
    }
  });

  it('gives nearby and venue-fit reasons in words', () => {
    const { picks } = rank({ interests: ['rust'], goals: ['learn'] }, [
      event({ title: 'Rust workshop', kind: 'workshop' }),
    ]);
    expect(picks[0]!.reasons).toEqual(
      expect.arrayContaining([
        { kind: 'nearby', text: 'in Berlin, within 50 km', weight: 0.5 },
        { kind: 'venue-fit', text: 'a workshop fits your goal to learn', weight: 0.5 },
      ]),
    );
  });
});

describe('hard filters and variety', () => {
  it('leaves out past, cancelled and far-away in-person events, and keeps far online ones', () => {
    const far = { text: 'Tokyo', city: 'Tokyo', country: 'Japan', lat: null, lon: null };
    const events = [
      event({ title: 'Rust past', start: '2026-11-20T18:00:00Z', end: '2026-11-20T20:00:00Z' }),
      event({ title: 'Rust cancelled', status: 'cancelled' }),
      event({ title: 'Rust in Tokyo', location: far }),
      event({
        title: 'Rust Tokyo stream',
        location: far,
        online: 'hybrid',
        start: '2026-12-05T10:00:00Z',
        end: '2026-12-05T12:00:00Z',
      }),
    ];
    expect(rank({ interests: ['rust'] }, events).picks.map((p) => p.event.title)).toEqual(['Rust Tokyo stream']);
    expect(rank({ interests: ['rust'], travel: { maxKm: 50, online: false } }, events).picks).toEqual([]);
  });

  it('uses coordinates when both sides have them', () => {
    const potsdam = { text: 'Potsdam', city: 'Potsdam', country: 'Germany', lat: 52.39, lon: 13.06 };
    const profile = { interests: ['rust'], location: { city: 'Berlin', country: 'Germany', lat: 52.52, lon: 13.405 } };
    const near = rank({ ...profile, travel: { maxKm: 50, online: true } }, [
      event({ title: 'Rust Potsdam', location: potsdam }),
    ]);
    expect(near.picks[0]!.reasons).toContainEqual({ kind: 'nearby', text: 'in Potsdam, 27 km away', weight: 0.5 });
    expect(
      rank({ ...profile, travel: { maxKm: 10, online: true } }, [event({ title: 'Rust Potsdam', location: potsdam })])
        .picks,
    ).toEqual([]);
  });

  it('picks one occurrence of a series, not ten editions of it', () => {
    const series = Array.from({ length: 10 }, (_, i) =>
      event({
        uid: 'weekly-rust',
        title: 'Weekly Rust hack night',
        start: `2026-12-${String(i + 1).padStart(2, '0')}T18:00:00Z`,
        end: `2026-12-${String(i + 1).padStart(2, '0')}T20:00:00Z`,
      }),
    );
    const other = event({
      title: 'Rust conference',
      kind: 'conference',
      start: '2027-02-01',
      end: '2027-02-02',
      allDay: true,
    });
    const { picks } = rank({ interests: ['rust'], cadence: { perWeek: 5, perMonth: 20 } }, [...series, other]);
    expect(picks.map((p) => p.event.title).sort()).toEqual(['Rust conference', 'Weekly Rust hack night']);
    const weekly = picks.find((p) => p.event.title === 'Weekly Rust hack night')!;
    // The next occurrence stands for the series.
    expect(weekly.event.start).toBe('2026-12-01T18:00:00Z');
    expect(NOW).toBeLessThan(Date.parse(weekly.event.start!));
  });
});

describe('share with', () => {
  it('suggests contacts in the field who are not already in its community, closest first', () => {
    const { picks } = rank(
      { interests: ['security'] },
      [event({ title: 'OWASP Berlin chapter meeting', description: 'Security talks.' })],
      {
        contacts: [
          { name: 'Grace Hopper', fields: ['security'], communities: ['OWASP Berlin'], tier: 'close' },
          { name: 'Alan Turing', fields: ['security'], tier: 'regular' },
          { name: 'Ada Lovelace', fields: ['rust'], tier: 'close' },
        ],
      },
    );
    expect(picks[0]!.shareWith).toEqual([{ name: 'Alan Turing', why: 'Alan works in security' }]);
  });
});

describe('candidates by the cheap bound', () => {
  it('gives the same picks as writing full reasons for every one of 3,000 events', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const topics = ['Rust', 'security', 'accessibility', 'data engineering', 'Kubernetes', 'gardening', 'chess'];
    const formats = ['meetup', 'conference', 'study group', 'workshop'];
    const choose = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const events = Array.from({ length: 3000 }, (_, i) => {
      // A tenth already over, some cancelled: the bound must leave them out at this size too.
      const start = new Date(NOW + (Math.floor(random() * 330 * 24) - 30 * 24) * 3_600_000);
      const topic = choose(topics);
      return event({
        id: `e${i}`,
        uid: `series-${i % 1000}`,
        title: `${topic} ${choose(formats)} #${i}`,
        description: `Talks about ${topic} and ${choose(topics)}.`,
        start: start.toISOString().replace('.000Z', 'Z'),
        end: new Date(start.getTime() + 7_200_000).toISOString().replace('.000Z', 'Z'),
        online: random() < 0.3,
        cfp: random() < 0.05 ? { url: null, closes: daysAgo(-Math.floor(random() * 60)) } : null,
        status: random() < 0.05 ? 'cancelled' : 'confirmed',
      });
    });
    const profile = { interests: ['rust', 'security', 'kubernetes'], expertise: ['accessibility'] };
    const contacts = [
      { name: 'Grace Hopper', tier: 'close' as const, lastSeen: daysAgo(300), fields: ['security'] },
      { name: 'Ada Lovelace', fields: ['rust'] },
    ];
    const said = (index: number, action: Feedback['action']): Feedback => ({
      userKey: 'test',
      eventId: events[index]!.id,
      uid: events[index]!.uid,
      title: events[index]!.title,
      fields: [],
      action,
      met: [],
      reason: null,
      at: new Date(NOW).toISOString(),
    });
    // A Rust event far down the list is pinned; one of the best Rust events is dismissed.
    const rustAt = events.flatMap((e, i) => (e.title.startsWith('Rust') ? [i] : []));
    const feedback = [said(rustAt.at(-1)!, 'going'), said(rustAt[0]!, 'not-interested')];
    const bounded = rank(profile, events, { contacts, feedback, limit: 20 });
    const everyEvent = rank(profile, events, { contacts, feedback, limit: 20, candidates: events.length });
    expect(bounded.picks.length).toBe(20);
    expect(bounded.picks.map((p) => [p.event.id, p.score])).toEqual(everyEvent.picks.map((p) => [p.event.id, p.score]));
    expect(bounded.picks.map((p) => p.event.id)).toContain(events[rustAt.at(-1)!]!.id);
    expect(bounded.picks.map((p) => p.event.id)).not.toContain(events[rustAt[0]!]!.id);
    expect(bounded.giveFirst).toEqual(everyEvent.giveFirst);
    const pinnedId = events[rustAt.at(-1)!]!.id;
    for (const pick of bounded.picks.filter((p) => p.event.id !== pinnedId)) {
      expect(Date.parse(pick.event.start!)).toBeGreaterThan(NOW);
      expect(events.find((e) => e.id === pick.event.id)!.status).toBe('confirmed');
    }
  });
});
