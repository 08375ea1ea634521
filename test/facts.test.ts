import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventPlace } from '../src/core/event-place.ts';
import { ProfileSchema } from '../src/core/profile.ts';
import type { Recommendations } from '../src/core/ranking.ts';
import { channelBalance } from '../src/network/gaps/channel.ts';
import { nodeGazetteer } from '../src/runtime/node-gazetteer.ts';
import { recommend } from '../src/usecases/recommend.ts';
import { demoApp } from './support/demo-app.ts';
import { eventRecord } from './support/events.ts';

// A week after the call for papers below closed, and before both conferences.
const NOW = '2026-12-04T08:00:00Z';

const closedCall = eventRecord({
  uid: 'rustfest@test',
  title: 'RustFest Berlin',
  start: '2026-12-12T09:00:00Z',
  kind: 'conference',
  topics: ['rust', 'webassembly', 'security'],
  url: 'https://rustfest.example/',
  cfp: { url: 'https://rustfest.example/cfp', closes: '2026-11-25' },
});
const onlineSummit = eventRecord({
  uid: 'summit@test',
  title: 'WebAssembly Summit',
  start: '2026-12-10T16:00:00Z',
  kind: 'conference',
  topics: ['webassembly'],
  online: true,
  // As confs.tech lists an online conference: "Online" for both city and country.
  location: { text: 'Online, Online', city: null, country: 'Online', lat: null, lon: null },
});

describe('facts the page, calendars, feeds and API state', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  const auth = () => ({ authorization: `Bearer ${demo.user.apiKey}` });
  const idOf = async (title: string): Promise<string> => {
    const { events } = await (await demo.app.request(`/v1/events?q=${encodeURIComponent(title)}`)).json();
    return events[0].id;
  };
  const feedback = (body: Record<string, unknown>) =>
    demo.app.request(`/v1/users/${demo.user.id}/feedback`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ met: [], ...body }),
    });
  const picks = async (): Promise<Recommendations> =>
    (await demo.app.request(`/v1/users/${demo.user.id}/picks?limit=30`, { headers: auth() })).json();

  beforeEach(async () => {
    demo = await demoApp(NOW, { extraRecords: [closedCall, onlineSummit] });
    // Going pins both among the picks, so every place that shows a pick shows them.
    for (const title of ['RustFest Berlin', 'WebAssembly Summit'])
      expect((await feedback({ eventId: await idOf(title), action: 'going' })).status).toBe(201);
  });
  afterEach(() => demo.db.cleanup());

  it('a closed call for papers reads as closed on the page, in the calendar, in the feeds and in the reasons', async () => {
    const page = await (await demo.app.request(`/u/${demo.user.feedToken}`)).text();
    expect(page).toContain('Call for papers closed 2026-11-25');
    expect(page).not.toContain('Call for papers closes 2026-11-25');
    expect(page).not.toContain('https://rustfest.example/cfp');

    const calendar = new ICAL.Component(
      ICAL.parse(await (await demo.app.request(`/cal/${demo.user.feedToken}.ics`)).text()),
    );
    const entry = calendar
      .getAllSubcomponents('vevent')
      .find((v) => v.getFirstPropertyValue('summary') === 'RustFest Berlin')!;
    expect(String(entry.getFirstPropertyValue('description'))).toContain('Call for papers closed 2026-11-25');

    const feed = await (await demo.app.request(`/feed/${demo.user.feedToken}.json`)).json();
    const item = feed.items.find((i: { title: string }) => i.title === 'RustFest Berlin');
    expect(item.content_text).toContain('Call for papers closed 2026-11-25');
    expect(await (await demo.app.request(`/feed/${demo.user.feedToken}.atom`)).text()).not.toContain(
      'closes 2026-11-25',
    );

    const result = await picks();
    const pick = [...result.picks, ...result.giveFirst].find((p) => p.event.title === 'RustFest Berlin')!;
    expect(pick.reasons.map((r) => r.text).join('\n')).not.toMatch(/call for papers.*(closes|is open)/i);
    expect(result.giveFirst.map((p) => p.event.title)).not.toContain('RustFest Berlin');
  });

  it('an online event listed as "Online, Online" reads "Online" on the page and in the calendar', async () => {
    const page = await (await demo.app.request(`/u/${demo.user.feedToken}`)).text();
    expect(page).toContain('WebAssembly Summit');
    expect(page).not.toContain('Online, Online');
    const calendar = await (await demo.app.request(`/cal/${demo.user.feedToken}.ics`)).text();
    expect(calendar).toContain('LOCATION:Online\r\n');
    expect(calendar).not.toContain('Online\\, Online');
  });

  it('a place that names a city twice ("New York, New York") is said as written; only "Online" repeats are cut', async () => {
    const { event } = (await picks()).picks[0]!;
    expect(eventPlace({ ...event, location: 'New York, New York', online: false })).toBe('New York, New York');
    expect(eventPlace({ ...event, location: 'New York, New York', online: 'hybrid' })).toBe(
      'New York, New York and online',
    );
    expect(eventPlace({ ...event, location: 'Online, Online', online: true })).toBe('Online');
  });

  it('JSON Feed and Atom entries are never modified before they were published', async () => {
    // The feed is first read a day after the events were stored: their last change predates the entries.
    demo.advance(1);
    const feed = await (await demo.app.request(`/feed/${demo.user.feedToken}.json`)).json();
    expect(feed.items.length).toBeGreaterThan(2);
    for (const item of feed.items as { title: string; date_published: string; date_modified: string }[])
      expect(Date.parse(item.date_modified), item.title).toBeGreaterThanOrEqual(Date.parse(item.date_published));
    const atom = await (await demo.app.request(`/feed/${demo.user.feedToken}.atom`)).text();
    for (const [, published, updated] of atom.matchAll(/<published>([^<]+)<\/published>\s*<updated>([^<]+)</g))
      expect(Date.parse(updated!)).toBeGreaterThanOrEqual(Date.parse(published!));
  });

  it("a feed's updated date and Last-Modified are never earlier than any of its entries' dates", async () => {
    demo.advance(1);
    const json = await demo.app.request(`/feed/${demo.user.feedToken}.json`);
    const feed = await json.json();
    const atomResponse = await demo.app.request(`/feed/${demo.user.feedToken}.atom`);
    const atom = await atomResponse.text();
    const feedUpdated = Date.parse(atom.match(/<feed[^>]*>[\s\S]*?<updated>([^<]+)<\/updated>/)![1]!);
    const entryDates = [
      ...(feed.items as { date_published: string; date_modified: string }[]).flatMap((i) => [
        i.date_published,
        i.date_modified,
      ]),
      ...[...atom.matchAll(/<entry>[\s\S]*?<published>([^<]+)<\/published>\s*<updated>([^<]+)</g)].flatMap((m) => [
        m[1]!,
        m[2]!,
      ]),
    ].map((d) => Date.parse(d));
    expect(entryDates.length).toBeGreaterThan(4);
    const latest = Math.max(...entryDates);
    expect(feedUpdated).toBeGreaterThanOrEqual(latest);
    // HTTP dates have whole seconds (RFC 9110 5.6.7).
    for (const res of [json, atomResponse])
      expect(Date.parse(res.headers.get('last-modified')!)).toBeGreaterThanOrEqual(Math.floor(latest / 1000) * 1000);
  });

  it('attending is refused before the event, and an older meeting never moves lastSeen back nor its channel', async () => {
    const summit = await idOf('WebAssembly Summit');
    const rustfest = await idOf('RustFest Berlin');
    const early = await feedback({ eventId: rustfest, action: 'attended', met: ['Grace Hopper'] });
    expect(early.status).toBe(400);
    expect((await early.json()).detail).toMatch(/RustFest Berlin starts 2026-12-12.*has not happened yet/);
    const grace = async () => {
      const user = await (await demo.app.request(`/v1/users/${demo.user.id}`, { headers: auth() })).json();
      return (user.profile.contacts as { name: string; lastSeen?: string; channel?: string }[]).find(
        (c) => c.name === 'Grace Hopper',
      );
    };
    const before = await grace();
    expect(before?.lastSeen).not.toBe('2026-12-12');

    demo.advance(10);
    expect((await feedback({ eventId: rustfest, action: 'attended', met: ['Grace Hopper'] })).status).toBe(201);
    expect(await grace()).toMatchObject({ lastSeen: '2026-12-12', channel: 'offline' });
    // The online summit two days earlier, recorded afterwards, changes neither.
    expect((await feedback({ eventId: summit, action: 'attended', met: ['Grace Hopper'] })).status).toBe(201);
    expect(await grace()).toMatchObject({ lastSeen: '2026-12-12', channel: 'offline' });
  });

  it('the page words: the coverage line says "on this page", the address label matches its scheme', async () => {
    const page = await (await demo.app.request(`http://127.0.0.1:8787/u/${demo.user.feedToken}`)).text();
    expect(page).not.toContain('below help');
    expect(page).toMatch(/in security: (1 event on this page helps|\d+ events on this page help)\./);
    expect(page).toMatch(/Calendar address \(http\)\s*<input[^>]+value="http:\/\//);
    expect(page).not.toContain('(https)');
  });
});

describe('words that must not be wrong', () => {
  it('no recent meetings is said without "only 0"', () => {
    const text = channelBalance([], Date.parse(NOW)).text;
    expect(text).not.toMatch(/\b0 recent meetings/);
    expect(text).toBe('no recent meetings with a known channel: too few to tell');
  });

  const placeHome = async (city: string, country: string) => {
    const demo = await demoApp(NOW);
    try {
      return await recommend(
        { store: demo.db.store, clock: { now: demo.now }, geocoder: nodeGazetteer },
        {
          profile: { ...ProfileSchema.parse({ interests: ['rust'], location: { city, country } }) },
          contacts: [],
          userKey: `${city}-${country}`,
          limit: 5,
        },
      );
    } finally {
      await demo.db.cleanup();
    }
  };

  it('a profile city the gazetteer cannot place is warned about: distance filtering falls back to names', async () => {
    const result = await placeHome('Atlantis', 'Greece');
    expect(result.gaps.warnings).toContainEqual(
      expect.stringMatching(/"Atlantis, Greece" .*distance filtering falls back to comparing place names/),
    );
  });

  it.each([
    ['Zürich', 'Helvetia', 47.37, 8.55],
    ['Munich', 'Bavaria', 48.14, 11.58],
  ])(
    'a profile in %s, %s still places by the city; the unknown country is warned about',
    async (city, country, lat, lon) => {
      const result = await placeHome(city, country);
      expect(result.gaps.warnings).toContainEqual(
        expect.stringContaining(`location: "${country}" is not a country the gazetteer knows; "${city}" placed at`),
      );
      expect(result.gaps.warnings.join('\n')).not.toMatch(/falls back to comparing place names/);
      const placed = result.gaps.warnings.find((w) => w.includes(`"${city}" placed at`))!;
      const [, foundLat, foundLon] = placed.match(/\((-?[\d.]+), (-?[\d.]+)\)/)!;
      expect(Number(foundLat)).toBeCloseTo(lat, 1);
      expect(Number(foundLon)).toBeCloseTo(lon, 1);
    },
  );

  it('a country named in its own language ("Zürich, Schweiz") is known: no warning, no fallback to names', async () => {
    const result = await placeHome('Zürich', 'Schweiz');
    expect(result.gaps.warnings.join('\n')).not.toMatch(/not a country the gazetteer knows|falls back to comparing/);
  });

  it('"Atlantis, Nowhere" is still warned about: its country is unknown', async () => {
    const result = await placeHome('Atlantis', 'Nowhere');
    expect(result.gaps.warnings).toContainEqual(
      expect.stringContaining('location: "Nowhere" is not a country the gazetteer knows'),
    );
  });
});
