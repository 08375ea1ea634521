import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CalendarEntry } from '../../src/core/publication.ts';
import { writeCalendar } from '../../src/render/ical/write-calendar.ts';
import { calendar, vevent } from '../support/calendars.ts';
import { ADMIN_KEY, demoApp } from '../support/demo-app.ts';
import { eventRecord } from '../support/events.ts';
import { hostileRecord } from '../support/hostile-event.ts';

const NOW = '2026-11-27T08:00:00Z';
const BREAKOUT_TITLE = 'Talk" onmouseover="alert(1)" x=" and </script><script>alert(2)</script>';

describe('what reaches users: the page, the calendar and the API under hostile stored text', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  const admin = { authorization: `Bearer ${ADMIN_KEY}` };
  beforeAll(async () => {
    demo = await demoApp(NOW, {
      // Through ingest, as a source would send it: a 9 MB description, a 100 KB title, a 1 MB place.
      extraCalendar: calendar(
        vevent('huge@test', '20261209T180000Z', `Rust security ${'t'.repeat(100_000)}`, [
          `DESCRIPTION:${'d'.repeat(9_000_000)}`,
          `LOCATION:${'l'.repeat(1_000_000)}`,
          'CATEGORIES:rust,security',
        ]),
      ),
      extraRecords: [
        eventRecord({ uid: 'percent@test', title: '100% Rust', start: '2026-12-10T18:00:00Z' }),
        eventRecord({ uid: 'decoy@test', title: '100 Rust talks', start: '2026-12-10T19:00:00Z' }),
        eventRecord({ uid: 'underscore@test', title: 'snake_case meetup', start: '2026-12-11T18:00:00Z' }),
        { ...hostileRecord(), uid: 'breakout@test', title: BREAKOUT_TITLE, start: '2026-12-08T18:00:00Z', end: null },
      ],
    });
  }, 60_000);
  afterAll(() => demo?.db.cleanup());

  const page = async () => (await demo.app.request(`/u/${demo.user.feedToken}`)).text();

  it('O3 feed text cannot break out of an attribute: every attribute stays quoted and escaped', async () => {
    const html = await page();
    expect(html).toContain('Talk&quot; onmouseover=&quot;alert(1)&quot;');
    expect(html).not.toMatch(/<[^>]*\sonmouseover=/i);
  });

  it('O4 a title carrying </script> opens no script element: the page has none', async () => {
    const html = await page();
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(2)');
    expect(html).not.toMatch(/<script/i);
  });

  it('O7 a 9 MB description, a 100 KB title and a 1 MB place reach no page or answer whole', async () => {
    const events = (await (await demo.app.request('/v1/events?q=security&limit=200')).json()).events;
    const huge = events.find((e: { uid: string }) => e.uid === 'huge@test');
    expect(huge.title.length).toBeLessThanOrEqual(500);
    expect(JSON.stringify(huge).length).toBeLessThan(64 * 1024);
    const list = await (await demo.app.request('/')).text();
    expect(list).toContain('Rust security ttt');
    expect(list.length).toBeLessThan(1024 * 1024);
    const ics = await (await demo.app.request(`/cal/${demo.user.feedToken}.ics`)).text();
    expect(ics.length).toBeLessThan(256 * 1024);
  });

  it('S9 search words are literal: % and _ find the text that holds them, never everything', async () => {
    const all = (await (await demo.app.request('/v1/events?limit=200')).json()).events;
    expect(all.length).toBeGreaterThan(5);
    const titles = async (q: string) => {
      const res = await demo.app.request(`/v1/events?q=${encodeURIComponent(q)}&limit=200`);
      expect(res.status).toBe(200);
      return (await res.json()).events.map((e: { title: string }) => e.title) as string[];
    };
    expect(await titles('100%')).toEqual(['100% Rust']);
    const percent = await titles('%');
    expect(percent).toContain('100% Rust');
    expect(percent).not.toContain('100 Rust talks');
    expect(percent.length).toBeLessThan(all.length);
    const underscore = await titles('_');
    expect(underscore).toContain('snake_case meetup');
    expect(underscore.length).toBeLessThan(all.length);
    expect(await titles('snake_case')).toEqual(['snake_case meetup']);
    for (const q of ['%25', '*']) expect(await titles(q)).toEqual([]);
  });

  it('AP4 registration is admin-only and one normalised URL is one source, whoever asks', async () => {
    const post = (url: string, headers: Record<string, string> = admin) =>
      demo.app.request('/v1/sources', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ url }),
      });
    expect((await post('https://meetups.example.org/cal.ics', {})).status).toBe(401);
    expect(
      (await post('https://meetups.example.org/cal.ics', { authorization: `Bearer ${demo.user.apiKey}` })).status,
    ).toBe(401);
    expect((await post('https://meetups.example.org/cal.ics')).status).toBe(201);
    for (const again of [
      'webcal://meetups.example.org/cal.ics',
      'https://meetups.example.org/cal.ics#top',
      ' https://MEETUPS.example.org/cal.ics ',
    ]) {
      expect((await post(again)).status, again).toBe(409);
    }
  });

  it('AU3 a failure on a feed-token route is logged without the token', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const broken = await demoApp(NOW);
      await broken.db.store.close(); // the store now fails every call: a 500 on the token routes
      for (const path of [
        `/u/${broken.user.feedToken}`,
        `/cal/${broken.user.feedToken}.ics`,
        `/feed/${broken.user.feedToken}.json`,
      ]) {
        const res = await broken.app.request(path);
        expect(res.status).toBe(500);
      }
      const lines = logged.mock.calls.map((call) => call.join(' ')).join('\n');
      expect(lines).toContain('failed');
      expect(lines).not.toContain(broken.user.feedToken);
      await broken.db.cleanup().catch(() => {});
    } finally {
      logged.mockRestore();
    }
  });
});

describe('O6 the iCalendar writer never lets text become a parameter or a property', () => {
  const injected = 'x;ALTREP="cid:evil":y\r\nATTENDEE;CN=evil:mailto:evil@example.org\nORGANIZER;CN="a^n":mailto:b';
  const entry: CalendarEntry = {
    uid: `pick-${'0'.repeat(16)}@convene`,
    eventId: '0'.repeat(16),
    title: injected,
    start: '2026-12-03T17:30:00Z',
    end: '2026-12-03T20:00:00Z',
    allDay: false,
    location: injected,
    url: 'https://example.org/a;ALTREP=x',
    description: injected,
    categories: [injected],
    status: 'confirmed',
    eventChangedAt: '2026-11-20T10:00:00.000Z',
  };

  it('O6 parameter and property injection in every text field reads back as text through ical.js', () => {
    const ics = writeCalendar({ name: injected, description: injected, refresh: 'PT3H' }, [
      { entry, sequence: 0, publishedAt: entry.eventChangedAt, lastModified: entry.eventChangedAt, withdrawnAt: null },
    ]);
    const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
    const names = vevent.getAllProperties().map((p) => p.name);
    expect(names).not.toContain('attendee');
    expect(names).not.toContain('organizer');
    for (const name of ['summary', 'location', 'description']) {
      const property = vevent.getFirstProperty(name)!;
      expect(Object.keys(property.toJSON()[1] as object)).toEqual([]);
      expect(String(property.getFirstValue())).toContain('ALTREP="cid:evil"');
    }
  });
});
