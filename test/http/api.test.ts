import { validate } from '@readme/openapi-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { sha256Hex } from '../../src/core/sha256.ts';
import { createApp } from '../../src/http/app.ts';
import { createLruCache } from '../../src/runtime/lru-cache.ts';
import { ingestSource } from '../../src/usecases/ingest-sources.ts';
import { calendar, vevent } from '../support/calendars.ts';
import { depsFor, tempStore } from '../support/store.ts';

const KEY = 'cvn_test-admin-key-0123456789abcdef';
const NOW = '2026-11-27T00:00:00Z';

describe('the HTTP API', () => {
  let db: ReturnType<typeof tempStore>;
  let app: ReturnType<typeof createApp>;
  const admin = { authorization: `Bearer ${KEY}` };
  const json = { 'content-type': 'application/json' };

  beforeEach(async () => {
    db = tempStore();
    const { writeFileSync } = await import('node:fs');
    const path = `${db.dir}/meetups.ics`;
    writeFileSync(
      path,
      calendar(
        vevent('a@test', '20261203T180000Z', 'Rust Berlin meetup', ['LOCATION:Berlin', 'CATEGORIES:rust']),
        vevent('b@test', '20261210T180000Z', 'OWASP Berlin chapter meeting', [
          'LOCATION:Berlin',
          'CATEGORIES:security',
        ]),
        vevent('c@test', '20261217T180000Z', 'WebAssembly study group (online)', ['LOCATION:Online (Jitsi)']),
      ),
    );
    const deps = depsFor(db.store, NOW);
    await ingestSource(
      deps,
      { location: path },
      { window: { fromMs: Date.parse('2026-11-26'), toMs: Date.parse('2027-11-27') }, force: true },
    );
    app = createApp({
      cache: createLruCache(1_000),
      store: db.store,
      clock: fixedClock(NOW),
      adminKeyHash: sha256Hex(KEY),
      ingest: (spec) =>
        ingestSource(deps, spec, {
          window: { fromMs: Date.parse('2026-11-26'), toMs: Date.parse('2027-11-27') },
          force: true,
        }),
    });
  });
  afterEach(() => db.cleanup());

  it('GET /health: ok with storage readiness, and CORS for other tools', async () => {
    const res = await app.request('/health', { headers: { origin: 'https://dashboard.example' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', storage: 'ok' });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('GET /v1/events: search by words, place, channel and kind, paginated', async () => {
    const all = await (await app.request('/v1/events')).json();
    expect(all.total).toBe(3);
    const rust = await (await app.request('/v1/events?q=rust')).json();
    expect(rust.events.map((e: { title: string }) => e.title)).toEqual(['Rust Berlin meetup']);
    const online = await (await app.request('/v1/events?online=true')).json();
    expect(online.events.map((e: { title: string }) => e.title)).toEqual(['WebAssembly study group (online)']);
    const page = await (await app.request('/v1/events?limit=2')).json();
    expect(page.events).toHaveLength(2);
    expect(page.next).toBe('/v1/events?limit=2&offset=2');
    const rest = await (await app.request(page.next)).json();
    expect(rest.events).toHaveLength(1);
    expect(rest.next).toBeNull();
  });

  it('GET /v1/events?search=: lunr syntax, best first, with the other filters', async () => {
    const titles = async (query: string) =>
      ((await (await app.request(`/v1/events?${query}`)).json()).events as { title: string }[]).map((e) => e.title);
    // Any word may match; the one matching both comes first.
    expect(await titles('search=berlin%20rust')).toEqual(['Rust Berlin meetup', 'OWASP Berlin chapter meeting']);
    expect(await titles('search=%2Bberlin%20-rust')).toEqual(['OWASP Berlin chapter meeting']);
    expect(await titles('search=title:webassembl*')).toEqual(['WebAssembly study group (online)']);
    expect(await titles('search=topics:security')).toEqual(['OWASP Berlin chapter meeting']);
    expect(await titles('search=owsap~1')).toEqual(['OWASP Berlin chapter meeting']);
    expect(await titles('search=berlin&q=owasp')).toEqual(['OWASP Berlin chapter meeting']);
    expect(await titles('search=nothing%20like%20this')).toEqual([]);
    const page = await (await app.request('/v1/events?search=berlin&limit=1')).json();
    expect(page.total).toBe(2);
    expect(page.next).toBe('/v1/events?search=berlin&limit=1&offset=1');
  });

  it.each([
    ['a limit out of range', '/v1/events?limit=100000', 'limit'],
    ['an unknown kind', '/v1/events?kind=party', 'kind'],
    ['a date that is not one', '/v1/events?from=next%20week', 'from'],
    ['a search on an unknown field', '/v1/events?search=venue:berlin', 'search'],
    ['a search with nothing after a field', '/v1/events?search=title:', 'search'],
  ])('AP5 GET /v1/events refuses %s as problem+json naming the field', async (_name, url, field) => {
    const res = await app.request(url);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = await res.json();
    expect(body).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(body.errors[0].path).toBe(field);
  });

  it('AU1 admin routes: a missing, wrong or wrong-length key is a 401 problem, never a 500', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong' },
      { authorization: `Bearer ${KEY}x` },
      { authorization: 'Basic abc' },
    ];
    for (const headers of attempts) {
      const res = await app.request('/v1/sources', { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await res.json()).code).toBe('unauthorized');
    }
  });

  it('sources: list with health, add (validated, de-duplicated), ingest now, remove', async () => {
    const listed = await (await app.request('/v1/sources', { headers: admin })).json();
    expect(listed.sources).toHaveLength(1);
    expect(listed.sources[0]).toMatchObject({ status: 'ok', eventCount: 3 });

    const added = await app.request('/v1/sources', {
      method: 'POST',
      headers: { ...admin, ...json },
      body: JSON.stringify({ url: 'webcal://calendar.example.org/feed.ics', name: 'Example' }),
    });
    expect(added.status).toBe(201);
    const source = await added.json();
    expect(source).toMatchObject({ location: 'https://calendar.example.org/feed.ics', name: 'Example', status: 'new' });

    const again = await app.request('/v1/sources', {
      method: 'POST',
      headers: { ...admin, ...json },
      body: JSON.stringify({ url: 'https://calendar.example.org/feed.ics' }),
    });
    expect(again.status).toBe(409);

    const ingestNow = await app.request(`/v1/sources/${listed.sources[0].id}/ingest`, {
      method: 'POST',
      headers: admin,
    });
    expect(ingestNow.status).toBe(200);
    expect(await ingestNow.json()).toMatchObject({
      status: 'unchanged',
      counts: { new: 0, changed: 0, unchanged: 3, cancelled: 0, withdrawn: 0 },
    });

    expect((await app.request(`/v1/sources/${source.id}`, { method: 'DELETE', headers: admin })).status).toBe(204);
    expect((await app.request(`/v1/sources/${source.id}`, { method: 'DELETE', headers: admin })).status).toBe(404);
  });

  it.each([
    ['a file: URL', { url: 'file:///etc/passwd' }, 'only http, https and webcal URLs'],
    ['a loopback address', { url: 'http://127.0.0.1/admin' }, 'private or loopback addresses are refused'],
    ['the metadata address', { url: 'http://169.254.169.254/latest' }, 'private or loopback addresses are refused'],
    ['credentials in the URL', { url: 'https://user:secret@example.org/cal.ics' }, 'URLs with credentials are refused'],
    ['an unknown kind', { url: 'https://example.org/cal.ics', kind: 'party' }, 'Invalid option'],
  ])('AP3 POST /v1/sources refuses %s', async (_name, body, message) => {
    const res = await app.request('/v1/sources', {
      method: 'POST',
      headers: { ...admin, ...json },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors[0].message).toContain(message);
    expect(JSON.stringify(problem)).not.toContain('secret');
  });

  it('AP1 AP2 malformed JSON is a 400, an oversized body a 413, an unknown route or id a 404', async () => {
    const malformed = await app.request('/v1/sources', {
      method: 'POST',
      headers: { ...admin, ...json },
      body: '{bad',
    });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).code).toBe('malformed_json');
    const huge = await app.request('/v1/sources', {
      method: 'POST',
      headers: { ...admin, ...json },
      body: JSON.stringify({ url: 'https://x.example/', name: 'x'.repeat(100_000) }),
    });
    expect(huge.status).toBe(413);
    expect((await huge.json()).code).toBe('payload_too_large');
    expect((await app.request('/v1/nothing')).status).toBe(404);
    expect((await app.request('/v1/sources/0000000000000000/ingest', { method: 'POST', headers: admin })).status).toBe(
      404,
    );
  });

  it('serves a docs page built from the OpenAPI document, with no script and under the CSP', async () => {
    const res = await app.request('/docs');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('/v1/users/{id}/picks');
    expect(page).toContain('needs the API key of that user');
    expect(page).not.toMatch(/<script/i);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('AU3 sets security headers (Referrer-Policy: no-referrer)', async () => {
    const res = await app.request('/v1/events');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('publishes an OpenAPI 3.1 document that an independent validator accepts and that lists every route', async () => {
    const doc = await (await app.request('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc));
    expect(result.valid, JSON.stringify('errors' in result ? result.errors : []).slice(0, 500)).toBe(true);
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const api = app.routes
      .filter(
        (r) =>
          r.path.startsWith('/v1/sources') ||
          r.path.startsWith('/v1/users') ||
          r.path === '/v1/events' ||
          r.path === '/health',
      )
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path}`);
    for (const route of new Set(api)) expect(documented).toContain(route);
  });

  describe('users', () => {
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
    const create = async (body: unknown = { profile }) =>
      app.request('/v1/users', { method: 'POST', headers: { ...admin, ...json }, body: JSON.stringify(body) });

    it("create shows the API key and feed token once; the user reads their own profile, not someone else's", async () => {
      const res = await create();
      expect(res.status).toBe(201);
      const ada = await res.json();
      expect(ada.id).toMatch(/^u_[0-9a-f]{16}$/);
      expect(ada.apiKey).toMatch(/^cvn_/);
      expect(ada.feedToken).not.toBe(ada.apiKey);
      const own = await app.request(`/v1/users/${ada.id}`, { headers: { authorization: `Bearer ${ada.apiKey}` } });
      expect(own.status).toBe(200);
      expect((await own.json()).profile.interests).toEqual([
        { term: 'rust', weight: 1 },
        { term: 'security', weight: 2 },
      ]);
      const bob = await (await create()).json();
      expect(
        (await app.request(`/v1/users/${ada.id}`, { headers: { authorization: `Bearer ${bob.apiKey}` } })).status,
      ).toBe(404);
      expect(
        (await app.request(`/v1/users/${ada.id}`, { headers: { authorization: 'Bearer cvn_nobody' } })).status,
      ).toBe(401);
      expect((await app.request('/v1/users/u_0000000000000000', { headers: admin })).status).toBe(404);
    });

    it('an invalid profile is a 400 naming profile.<field>', async () => {
      const res = await create({ profile: { interests: ['rust'], contacts: [{ name: 'X', tier: 'bestie' }] } });
      expect(res.status).toBe(400);
      expect((await res.json()).errors[0].path).toBe('profile.contacts.0.tier');
    });

    it('picks ETag follows the picks: another page in between still leaves the first page a 304', async () => {
      // A clock that moves on every read, as a real one does: generatedAt must not change the ETag.
      let ms = Date.parse(NOW);
      const moving = createApp({
        cache: createLruCache(1_000),
        store: db.store,
        clock: { now: () => (ms += 1000) },
        adminKeyHash: sha256Hex(KEY),
      });
      const ada = await (await create()).json();
      const auth = { authorization: `Bearer ${ada.apiKey}` };
      const first = await moving.request(`/v1/users/${ada.id}/picks?limit=1`, { headers: auth });
      const tag = first.headers.get('etag')!;
      const firstBody = await first.json();
      expect(firstBody.picks).toHaveLength(1);
      expect((await moving.request(`/v1/users/${ada.id}/picks?limit=1&offset=1`, { headers: auth })).status).toBe(200);
      const again = await moving.request(`/v1/users/${ada.id}/picks?limit=1`, {
        headers: { ...auth, 'if-none-match': tag },
      });
      expect(again.status).toBe(304);
      const fresh = await (await moving.request(`/v1/users/${ada.id}/picks?limit=1`, { headers: auth })).json();
      expect(fresh).toEqual(firstBody);
    });

    it('a contacts upload in which the reader finds no card (a truncated vCard) is a 400 and writes nothing', async () => {
      const ada = await (await create()).json();
      const auth = { authorization: `Bearer ${ada.apiKey}` };
      const before = (await (await app.request(`/v1/users/${ada.id}`, { headers: auth })).json()).profile.contacts;
      const res = await app.request(`/v1/users/${ada.id}/contacts`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'text/vcard' },
        body: 'BEGIN:VCARD\nFN:Ada\n',
      });
      expect(res.status).toBe(400);
      expect((await res.json()).errors[0]).toMatchObject({ path: '(body)' });
      const after = (await (await app.request(`/v1/users/${ada.id}`, { headers: auth })).json()).profile.contacts;
      expect(after).toEqual(before);
    });

    it('contacts upload, gaps, picks with ETag and 304, and feedback that changes the next picks', async () => {
      const ada = await (await create()).json();
      const auth = { authorization: `Bearer ${ada.apiKey}` };
      const vcard = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Linus Example\r\nTITLE:Rust developer\r\nEND:VCARD\r\n';
      const imported = await app.request(`/v1/users/${ada.id}/contacts`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'text/vcard' },
        body: vcard,
      });
      expect(await imported.json()).toMatchObject({ added: 1, merged: 0, total: 2 });

      const gaps = await (await app.request(`/v1/users/${ada.id}/gaps`, { headers: auth })).json();
      expect(gaps.maintenance.overdue[0].text).toBe(
        'Grace Hopper (close) last seen 9 months ago, usually at OWASP Berlin',
      );

      const first = await app.request(`/v1/users/${ada.id}/picks`, { headers: auth });
      expect(first.status).toBe(200);
      const tag = first.headers.get('etag');
      expect(tag).toBeTruthy();
      const body = await first.json();
      expect(body.picks.map((p: { event: { title: string } }) => p.event.title)).toContain(
        'OWASP Berlin chapter meeting',
      );
      expect(
        (await app.request(`/v1/users/${ada.id}/picks`, { headers: { ...auth, 'if-none-match': tag! } })).status,
      ).toBe(304);
      // The query is checked with the documented schema; a bad value names its field.
      for (const [query, field] of [
        ['limit=0', 'limit'],
        ['limit=many', 'limit'],
        ['from=someday', 'from'],
      ] as const) {
        const bad = await app.request(`/v1/users/${ada.id}/picks?${query}`, { headers: auth });
        expect(bad.status, query).toBe(400);
        expect(bad.headers.get('content-type')).toBe('application/problem+json');
        expect((await bad.json()).errors[0].path).toBe(field);
      }
      // Paged over one ranking: page two continues page one, and the last page has no next.
      const all = await (await app.request(`/v1/users/${ada.id}/picks?limit=50`, { headers: auth })).json();
      expect(all.picks.length).toBeGreaterThanOrEqual(2);
      const pageOne = await (await app.request(`/v1/users/${ada.id}/picks?limit=1`, { headers: auth })).json();
      expect(pageOne.picks.map((p: { event: { id: string } }) => p.event.id)).toEqual([all.picks[0].event.id]);
      expect(pageOne.next).toBe(`/v1/users/${ada.id}/picks?limit=1&offset=1`);
      const second = await (await app.request(pageOne.next, { headers: auth })).json();
      expect(second.picks.map((p: { event: { id: string } }) => p.event.id)).toEqual([all.picks[1].event.id]);
      expect(all.next).toBeNull();
      // Clients that take gzip get the same JSON compressed (kept compressed in the cache), under its own ETag.
      const zipped = await app.request(`/v1/users/${ada.id}/picks`, {
        headers: { ...auth, 'accept-encoding': 'br, gzip;q=0.8' },
      });
      expect(zipped.headers.get('content-encoding')).toBe('gzip');
      expect(zipped.headers.get('vary')).toBe('Accept-Encoding');
      const zippedTag = zipped.headers.get('etag')!;
      expect(zippedTag).not.toBe(tag);
      const unzipped = new Response(
        new Blob([await zipped.arrayBuffer()]).stream().pipeThrough(new DecompressionStream('gzip')),
      );
      expect(await unzipped.json()).toEqual(body);
      const refused = await app.request(`/v1/users/${ada.id}/picks`, {
        headers: { ...auth, 'accept-encoding': 'gzip;q=0, identity' },
      });
      expect(refused.headers.get('content-encoding')).toBeNull();
      expect(refused.headers.get('etag')).toBe(tag);
      expect(
        (
          await app.request(`/v1/users/${ada.id}/picks`, {
            headers: { ...auth, 'accept-encoding': 'gzip', 'if-none-match': zippedTag },
          })
        ).status,
      ).toBe(304);

      const owasp = body.picks.find(
        (p: { event: { title: string } }) => p.event.title === 'OWASP Berlin chapter meeting',
      );
      const dismissed = await app.request(`/v1/users/${ada.id}/feedback`, {
        method: 'POST',
        headers: { ...auth, ...json },
        body: JSON.stringify({ eventId: owasp.event.id, action: 'not-interested' }),
      });
      expect(dismissed.status).toBe(201);
      const after = await app.request(`/v1/users/${ada.id}/picks`, { headers: { ...auth, 'if-none-match': tag! } });
      expect(after.status).toBe(200);
      expect((await after.json()).picks.map((p: { event: { id: string } }) => p.event.id)).not.toContain(
        owasp.event.id,
      );

      const rust = body.picks.find((p: { event: { title: string } }) => p.event.title === 'Rust Berlin meetup');
      // The meetup is next week: attending it is refused, and nobody is marked as seen (test/facts.test.ts
      // covers attending one that has happened).
      const early = await app.request(`/v1/users/${ada.id}/feedback`, {
        method: 'POST',
        headers: { ...auth, ...json },
        body: JSON.stringify({ eventId: rust.event.id, action: 'attended', met: ['Grace Hopper'] }),
      });
      expect(early.status).toBe(400);
      expect((await early.json()).errors).toEqual([
        { path: 'eventId', message: 'has not happened yet: it cannot be attended' },
      ]);
      const updated = await (await app.request(`/v1/users/${ada.id}`, { headers: auth })).json();
      expect(updated.profile.contacts[0]).toMatchObject({ name: 'Grace Hopper', lastSeen: '2026-03-01' });

      const rotated = await (await app.request(`/v1/users/${ada.id}/key`, { method: 'POST', headers: auth })).json();
      expect(rotated.apiKey).toMatch(/^cvn_/);
      expect((await app.request(`/v1/users/${ada.id}`, { headers: auth })).status).toBe(401);
      const newAuth = { authorization: `Bearer ${rotated.apiKey}` };
      expect((await app.request(`/v1/users/${ada.id}`, { headers: newAuth })).status).toBe(200);
      const feed = await (
        await app.request(`/v1/users/${ada.id}/feed-token`, { method: 'POST', headers: newAuth })
      ).json();
      expect(feed.feedToken).toMatch(/^cvn_/);

      const unknown = await app.request(`/v1/users/${ada.id}/feedback`, {
        method: 'POST',
        headers: { ...newAuth, ...json },
        body: JSON.stringify({ eventId: 'nope', action: 'going' }),
      });
      expect(unknown.status).toBe(400);
      expect((await unknown.json()).errors[0].path).toBe('eventId');
    });
  });
});
