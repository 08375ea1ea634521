import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendar, rss, vevent } from './calendars.ts';
import { startServer, type TestServer } from './http-server.ts';

export const CONTRACT_ADMIN_KEY = 'cvn_contract-admin-key-0123456789';

/** A running Convene over HTTP on 127.0.0.1 whose store already lists `sources` (not yet fetched). */
export interface ApiTarget {
  url: string;
  stop: () => Promise<void>;
}
export type StartTarget = (sources: string[]) => Promise<ApiTarget>;

const DAY_MS = 86_400_000;
/** iCalendar UTC date-time `days` from now at 18:00: a Worker or server under test runs on the real clock. */
export const daysAhead = (days: number): string =>
  `${new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '')}T180000Z`;

function fixtureCalendar(): string {
  return calendar(
    vevent('rust@contract', daysAhead(6), 'Rust Berlin meetup', ['LOCATION:Berlin', 'CATEGORIES:rust']),
    vevent('owasp@contract', daysAhead(13), 'OWASP Berlin chapter meeting', ['LOCATION:Berlin', 'CATEGORIES:security']),
    vevent('wasm@contract', daysAhead(20), 'WebAssembly study group (online)', ['LOCATION:Online (Jitsi)']),
  );
}

const profile = {
  name: 'Ada',
  interests: ['rust', { term: 'security', weight: 2 }],
  location: { city: 'Berlin', country: 'Germany' },
  contacts: [
    {
      name: 'Grace Hopper',
      tier: 'close',
      lastSeen: '2026-03-01',
      communities: ['OWASP Berlin'],
      fields: ['security'],
    },
  ],
};

/**
 * The HTTP contract every runtime serves the same way (sources, events, users, picks, venues, calendar,
 * feeds, problem+json errors), asserted over real HTTP against whatever `start` runs: `convene serve`
 * on Node and the Worker under `wrangler dev` both run it.
 */
export function describeApiContract(
  label: string,
  start: StartTarget,
  suite: (name: string, body: () => void) => void = describe,
): void {
  suite(`the HTTP API contract, ${label}`, () => {
    let feeds: TestServer;
    let target: ApiTarget;
    const admin = { authorization: `Bearer ${CONTRACT_ADMIN_KEY}` };
    const json = { 'content-type': 'application/json' };
    const request = (path: string, init: RequestInit = {}) => fetch(`${target.url}${path}`, init);
    const problemOf = async (res: Response) => {
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      return res.json();
    };

    beforeAll(async () => {
      const ics = fixtureCalendar();
      feeds = await startServer((req, res) => {
        if (req.url === '/meetups.ics') {
          res.writeHead(200, { 'content-type': 'text/calendar' });
          res.end(ics);
        } else if (req.url === '/blog.xml') {
          res.writeHead(200, { 'content-type': 'application/rss+xml' });
          res.end(rss([{ title: 'Call for speakers', link: 'https://example.org/cfs', guid: 'cfs' }]));
        } else {
          res.writeHead(404);
          res.end();
        }
      });
      target = await start([`${feeds.url}/meetups.ics`]);
    }, 240_000);
    afterAll(async () => {
      await target?.stop();
      await feeds?.close();
    });

    it('GET /health answers ok with storage readiness, with CORS', async () => {
      const res = await request('/health', { headers: { origin: 'https://dashboard.example' } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok', storage: 'ok' });
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    });

    it('admin routes: a missing or wrong key is a 401 problem with WWW-Authenticate', async () => {
      const attempts: Record<string, string>[] = [
        {},
        { authorization: 'Bearer wrong' },
        { authorization: `Bearer ${CONTRACT_ADMIN_KEY}x` },
      ];
      for (const headers of attempts) {
        const res = await request('/v1/sources', { headers });
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect((await problemOf(res)).code).toBe('unauthorized');
      }
    });

    it('sources: ingest now fetches the listed source from 127.0.0.1; add, refuse, de-duplicate, remove', async () => {
      const listed = await (await request('/v1/sources', { headers: admin })).json();
      expect(listed.sources).toHaveLength(1);
      const source = listed.sources[0];
      const ingested = await request(`/v1/sources/${source.id}/ingest`, { method: 'POST', headers: admin });
      expect(ingested.status).toBe(200);
      expect(await ingested.json()).toMatchObject({
        status: 'ok',
        counts: { new: 3, changed: 0, unchanged: 0, cancelled: 0, withdrawn: 0 },
      });
      const again = await (await request(`/v1/sources/${source.id}/ingest`, { method: 'POST', headers: admin })).json();
      expect(again).toMatchObject({ status: 'unchanged', counts: { new: 0, unchanged: 3 } });
      const health = await (await request('/v1/sources', { headers: admin })).json();
      expect(health.sources[0]).toMatchObject({ status: 'unchanged', failureCount: 0, eventCount: 3 });

      const added = await request('/v1/sources', {
        method: 'POST',
        headers: { ...admin, ...json },
        body: JSON.stringify({ url: 'webcal://calendar.example.org/feed.ics', name: 'Example' }),
      });
      expect(added.status).toBe(201);
      const created = await added.json();
      expect(created).toMatchObject({
        location: 'https://calendar.example.org/feed.ics',
        name: 'Example',
        status: 'new',
      });
      const duplicate = await request('/v1/sources', {
        method: 'POST',
        headers: { ...admin, ...json },
        body: JSON.stringify({ url: 'https://calendar.example.org/feed.ics' }),
      });
      expect(duplicate.status).toBe(409);
      const refused = await request('/v1/sources', {
        method: 'POST',
        headers: { ...admin, ...json },
        body: JSON.stringify({ url: 'http://169.254.169.254/latest' }),
      });
      expect(refused.status).toBe(400);
      expect((await problemOf(refused)).errors[0].message).toContain('private or loopback addresses are refused');
      expect((await request(`/v1/sources/${created.id}`, { method: 'DELETE', headers: admin })).status).toBe(204);
      expect((await request(`/v1/sources/${created.id}`, { method: 'DELETE', headers: admin })).status).toBe(404);
    });

    it('events: filtered, searched, paginated; a bad query is a 400 naming the field', async () => {
      const all = await (await request('/v1/events')).json();
      expect(all.total).toBe(3);
      const rust = await (await request('/v1/events?q=rust')).json();
      expect(rust.events.map((e: { title: string }) => e.title)).toEqual(['Rust Berlin meetup']);
      const online = await (await request('/v1/events?online=true')).json();
      expect(online.events.map((e: { title: string }) => e.title)).toEqual(['WebAssembly study group (online)']);
      const searched = await (await request('/v1/events?search=%2Bberlin%20-rust')).json();
      expect(searched.events.map((e: { title: string }) => e.title)).toEqual(['OWASP Berlin chapter meeting']);
      const page = await (await request('/v1/events?limit=2')).json();
      expect(page.events).toHaveLength(2);
      expect(page.next).toBe('/v1/events?limit=2&offset=2');
      const bad = await request('/v1/events?limit=100000');
      expect(bad.status).toBe(400);
      expect(await problemOf(bad)).toMatchObject({
        status: 400,
        code: 'validation_failed',
        errors: [{ path: 'limit' }],
      });
    });

    it('users, picks, venues, feedback, calendar and JSON Feed behind the feed token', async () => {
      const createdRes = await request('/v1/users', {
        method: 'POST',
        headers: { ...admin, ...json },
        body: JSON.stringify({ profile }),
      });
      expect(createdRes.status).toBe(201);
      const ada = await createdRes.json();
      expect(ada.id).toMatch(/^u_[0-9a-f]{16}$/);
      const auth = { authorization: `Bearer ${ada.apiKey}` };
      const own = await (await request(`/v1/users/${ada.id}`, { headers: auth })).json();
      expect(own.profile.interests).toEqual([
        { term: 'rust', weight: 1 },
        { term: 'security', weight: 2 },
      ]);
      const invalid = await request('/v1/users', {
        method: 'POST',
        headers: { ...admin, ...json },
        body: JSON.stringify({ profile: { interests: ['rust'], contacts: [{ name: 'X', tier: 'bestie' }] } }),
      });
      expect(invalid.status).toBe(400);
      expect((await problemOf(invalid)).errors[0].path).toBe('profile.contacts.0.tier');
      expect((await request(`/v1/users/${ada.id}`, { headers: { authorization: 'Bearer cvn_nobody' } })).status).toBe(
        401,
      );

      const first = await request(`/v1/users/${ada.id}/picks`, { headers: auth });
      expect(first.status).toBe(200);
      const tag = first.headers.get('etag');
      expect(tag).toBeTruthy();
      const picks = await first.json();
      const titles = picks.picks.map((p: { event: { title: string } }) => p.event.title);
      expect(titles).toContain('OWASP Berlin chapter meeting');
      expect(titles).toContain('Rust Berlin meetup');
      for (const pick of picks.picks) expect(pick.reasons.length).toBeGreaterThan(0);
      expect((await request(`/v1/users/${ada.id}/picks`, { headers: { ...auth, 'if-none-match': tag! } })).status).toBe(
        304,
      );
      const badPicks = await request(`/v1/users/${ada.id}/picks?limit=0`, { headers: auth });
      expect(badPicks.status).toBe(400);
      expect((await problemOf(badPicks)).errors[0].path).toBe('limit');

      const venues = await request(`/v1/users/${ada.id}/venues`, { headers: auth });
      expect(venues.status).toBe(200);
      expect(Array.isArray((await venues.json()).venues)).toBe(true);

      const calendarRes = await request(`/cal/${ada.feedToken}.ics`);
      expect(calendarRes.status).toBe(200);
      expect(calendarRes.headers.get('content-type')).toMatch(/^text\/calendar/);
      const ics = await calendarRes.text();
      expect(ics).toContain('BEGIN:VCALENDAR');
      expect(ics).toContain('SUMMARY:OWASP Berlin chapter meeting');
      const feed = await (await request(`/feed/${ada.feedToken}.json`)).json();
      expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
      expect(feed.items.map((i: { title: string }) => i.title)).toContain('OWASP Berlin chapter meeting');
      const page = await request(`/u/${ada.feedToken}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('OWASP Berlin chapter meeting');
      expect((await request('/cal/not-a-token.ics')).status).toBe(404);

      const owasp = picks.picks.find(
        (p: { event: { title: string } }) => p.event.title === 'OWASP Berlin chapter meeting',
      );
      const dismissed = await request(`/v1/users/${ada.id}/feedback`, {
        method: 'POST',
        headers: { ...auth, ...json },
        body: JSON.stringify({ eventId: owasp.event.id, action: 'not-interested' }),
      });
      expect(dismissed.status).toBe(201);
      const after = await request(`/v1/users/${ada.id}/picks`, { headers: { ...auth, 'if-none-match': tag! } });
      expect(after.status).toBe(200);
      expect((await after.json()).picks.map((p: { event: { id: string } }) => p.event.id)).not.toContain(
        owasp.event.id,
      );
      const early = await request(`/v1/users/${ada.id}/feedback`, {
        method: 'POST',
        headers: { ...auth, ...json },
        body: JSON.stringify({ eventId: owasp.event.id, action: 'attended' }),
      });
      expect(early.status).toBe(400);
      expect((await problemOf(early)).errors[0].path).toBe('eventId');
    });

    it('rate limit: 600 requests a minute per key, then 429 problem+json with Retry-After', async () => {
      // A key of its own, so the other tests' requests neither count nor get refused.
      const headers = { authorization: 'Bearer cvn_rate-limit-probe' };
      const statuses: number[] = [];
      for (let i = 0; i < 600; i += 50)
        statuses.push(
          ...(await Promise.all(
            Array.from({ length: 50 }, async () => (await request('/v1/events?limit=1', { headers })).status),
          )),
        );
      expect(statuses.filter((status) => status !== 200)).toEqual([]);
      const refused = await request('/v1/events?limit=1', { headers });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await problemOf(refused)).code).toBe('rate_limited');
    });

    it('problem+json for malformed JSON, oversized bodies and unknown routes; the OpenAPI document lists the routes', async () => {
      const malformed = await request('/v1/sources', { method: 'POST', headers: { ...admin, ...json }, body: '{bad' });
      expect(malformed.status).toBe(400);
      expect((await problemOf(malformed)).code).toBe('malformed_json');
      const huge = await request('/v1/sources', {
        method: 'POST',
        headers: { ...admin, ...json },
        body: JSON.stringify({ url: 'https://x.example/', name: 'x'.repeat(100_000) }),
      });
      expect(huge.status).toBe(413);
      expect((await problemOf(huge)).code).toBe('payload_too_large');
      const missing = await request('/v1/nothing');
      expect(missing.status).toBe(404);
      expect((await problemOf(missing)).code).toBe('not_found');
      const openapi = await (await request('/openapi.json')).json();
      expect(openapi.openapi).toBe('3.1.0');
      for (const path of ['/v1/events', '/v1/sources', '/v1/users/{id}/picks', '/v1/users/{id}/venues'])
        expect(Object.keys(openapi.paths)).toContain(path);
      const docs = await request('/docs');
      expect(docs.status).toBe(200);
      expect(docs.headers.get('referrer-policy')).toBe('no-referrer');
    });
  });
}
