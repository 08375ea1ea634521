import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/sha256.ts';
import { createApp } from '../../src/http/app.ts';
import { createLruCache } from '../../src/runtime/lru-cache.ts';
import { ADMIN_KEY, demoApp } from '../support/demo-app.ts';
import { documentedAnswers } from '../support/openapi-validate.ts';

const NOW = '2026-11-27T08:00:00Z';

/**
 * The picks answer is served from a string built by hand (for speed), so nothing but this test holds
 * it to what the OpenAPI document promises clients.
 */
describe('picks answers match the documented schema', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  let served: ReturnType<typeof createApp>;
  let validate: (path: string, body: unknown) => string[];
  let auth: { authorization: string };

  beforeAll(async () => {
    demo = await demoApp(NOW);
    auth = { authorization: `Bearer ${demo.user.apiKey}` };
    // The app as `convene start` builds it: the demo user served at /v1/picks without a key.
    served = createApp({
      store: demo.db.store,
      clock: { now: demo.now },
      cache: createLruCache(1_000),
      adminKeyHash: sha256Hex(ADMIN_KEY),
      home: { userId: demo.user.id, pagePath: `/u/${demo.user.feedToken}` },
    });
    validate = await documentedAnswers(served);
  });
  afterAll(() => demo?.db.cleanup());

  it('documents every field: an answer with an extra field fails the published schema', async () => {
    const body = await (await demo.app.request(`/v1/users/${demo.user.id}/picks`, { headers: auth })).json();
    expect(validate('/v1/users/{id}/picks', body)).toEqual([]);
    expect(validate('/v1/users/{id}/picks', { ...body, undocumented: 1 })).not.toEqual([]);
    const [pick] = (body as { picks: { event: Record<string, unknown> }[] }).picks;
    const { title: _title, ...untitled } = pick!.event;
    expect(validate('/v1/users/{id}/picks', { ...body, picks: [{ ...pick, event: untitled }] })).not.toEqual([]);
    const { gaps: _gaps, ...withoutGaps } = body as Record<string, unknown>;
    expect(validate('/v1/users/{id}/picks', withoutGaps)).not.toEqual([]);
  });

  it('/v1/picks and /v1/users/{id}/picks answer the same shape, both as documented, reasons and gaps included', async () => {
    // Following a venue adds `followed`, the one optional part of the answer.
    const venues = (await (await demo.app.request(`/v1/users/${demo.user.id}/venues`, { headers: auth })).json()) as {
      venues: { venue: { id: string } }[];
    };
    expect(venues.venues.length).toBeGreaterThan(0);
    const follow = await demo.app.request(`/v1/users/${demo.user.id}/venues/${venues.venues[0]!.venue.id}/feedback`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'follow' }),
    });
    expect(follow.status).toBe(201);
    for (const query of ['', '?limit=3', '?limit=3&offset=3', '?from=2026-12-01&to=2027-03-01']) {
      const keyed = await demo.app.request(`/v1/users/${demo.user.id}/picks${query}`, { headers: auth });
      const home = await served.request(`/v1/picks${query}`);
      expect([keyed.status, home.status], query).toEqual([200, 200]);
      const [a, b] = [(await keyed.json()) as Record<string, unknown>, (await home.json()) as Record<string, unknown>];
      expect(Object.keys(b).sort(), query).toEqual(Object.keys(a).sort());
      expect(Object.keys(a), query).toEqual(
        expect.arrayContaining(['generatedAt', 'picks', 'giveFirst', 'gaps', 'next']),
      );
      expect(validate('/v1/users/{id}/picks', a), query).toEqual([]);
      expect(validate('/v1/picks', b), query).toEqual([]);
      expect(Array.isArray(a.followed) && a.followed.length > 0, `${query}: followed venue's events`).toBe(true);
      // One ranking, two routes: the same picks, each `next` on its own route.
      expect(b.picks, query).toEqual(a.picks);
      if (a.next !== null) {
        expect(a.next, query).toMatch(new RegExp(`^/v1/users/${demo.user.id}/picks\\?`));
        expect(b.next, query).toMatch(/^\/v1\/picks\?/);
      } else expect(b.next).toBeNull();
    }
    const first = (await (await served.request('/v1/picks')).json()) as {
      picks: { reasons: unknown[] }[];
      followed?: unknown[];
    };
    expect(first.picks.length).toBeGreaterThan(0);
    expect(first.picks.every((p) => p.reasons.length > 0)).toBe(true);
  });

  it.each([
    ['identity', {}],
    ['gzip', { 'accept-encoding': 'gzip' }],
  ] as const)('/v1/picks (%s): a strong ETag, and 304 to If-None-Match with it', async (encoding, accept) => {
    const first = await served.request('/v1/picks?limit=3', { headers: accept });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers.get('vary')).toMatch(/accept-encoding/i);
    const bytes = new Uint8Array(await first.arrayBuffer());
    if (encoding === 'gzip') {
      expect(first.headers.get('content-encoding')).toBe('gzip');
      const plain = await (await served.request('/v1/picks?limit=3')).json();
      expect(JSON.parse(gunzipSync(bytes).toString('utf8'))).toEqual(plain);
      // Each representation has its own validator (RFC 9110 8.8.3).
      const identityTag = (await served.request('/v1/picks?limit=3')).headers.get('etag');
      expect(etag).not.toBe(identityTag);
    } else {
      expect(first.headers.get('content-encoding')).toBeNull();
      expect(validate('/v1/picks', JSON.parse(new TextDecoder().decode(bytes)))).toEqual([]);
    }
    const again = await served.request('/v1/picks?limit=3', { headers: { ...accept, 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    // Another page is another body: the same validator does not match it.
    const other = await served.request('/v1/picks?limit=3&offset=3', {
      headers: { ...accept, 'if-none-match': etag! },
    });
    expect(other.status).toBe(200);
  });
});
