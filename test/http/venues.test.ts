import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Recommendations } from '../../src/core/ranking.ts';
import type { VenueChoice } from '../../src/core/venue.ts';
import { ADMIN_KEY, demoApp } from '../support/demo-app.ts';

const NOW = '2026-11-27T08:00:00Z';

describe('venues over HTTP: GET /v1/users/{id}/venues and venue feedback', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  let auth: { authorization: string };
  let base: string;
  const json = { 'content-type': 'application/json' };
  const venues = async (query = '') => {
    const res = await demo.app.request(`${base}/venues${query}`, { headers: auth });
    expect(res.status).toBe(200);
    return (await res.json()) as { generatedAt: string; venues: VenueChoice[]; next: string | null };
  };
  const say = (venueId: string, body: unknown, headers: Record<string, string> = json) =>
    demo.app.request(`${base}/venues/${venueId}/feedback`, {
      method: 'POST',
      headers: { ...auth, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  // Each test its own demo store: what one says about a venue never reaches another.
  beforeEach(async () => {
    demo = await demoApp(NOW);
    auth = { authorization: `Bearer ${demo.user.apiKey}` };
    base = `/v1/users/${demo.user.id}`;
  });
  afterEach(() => demo?.db.cleanup());

  it('answers ranked venues paged like picks, with an ETag and 304', async () => {
    const all = await venues('?limit=20');
    expect(Object.keys(all).sort()).toEqual(['generatedAt', 'next', 'venues']);
    expect(all.venues.length).toBeGreaterThanOrEqual(3);
    expect(new Set(all.venues.map((v) => v.venue.kind)).size).toBeGreaterThanOrEqual(3);
    expect(all.next).toBeNull();
    for (const { score, reasons } of all.venues)
      expect(score).toBeCloseTo(
        reasons.reduce((sum, r) => sum + r.weight, 0),
        2,
      );
    const first = await venues('?limit=1');
    expect(first.venues.map((v) => v.venue.id)).toEqual([all.venues[0]!.venue.id]);
    expect(first.next).toBe(`${base}/venues?limit=1&offset=1`);
    const second = await venues(first.next!.slice(base.length + '/venues'.length));
    expect(second.venues.map((v) => v.venue.id)).toEqual([all.venues[1]!.venue.id]);

    const res = await demo.app.request(`${base}/venues`, { headers: auth });
    const tag = res.headers.get('etag');
    expect(tag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await demo.app.request(`${base}/venues`, { headers: { ...auth, 'if-none-match': tag! } });
    expect(again.status).toBe(304);
  });

  it('refuses a bad query as problem+json naming the field, and an unknown or foreign user as 404', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['offset=-1', 'offset'],
      ['from=someday', 'from'],
    ] as const) {
      const bad = await demo.app.request(`${base}/venues?${query}`, { headers: auth });
      expect(bad.status, query).toBe(400);
      expect(bad.headers.get('content-type')).toBe('application/problem+json');
      expect((await bad.json()).errors[0].path).toBe(field);
    }
    const unknown = await demo.app.request('/v1/users/u_0000000000000000/venues', {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).code).toBe('not_found');
    const foreign = await demo.app.request('/v1/users/u_0000000000000000/venues', { headers: auth });
    expect(foreign.status).toBe(404);
  });

  it('feedback: 415 for a body that is not JSON, 400 for an unknown action, 404 for an unknown venue', async () => {
    const { venues: listed } = await venues();
    const id = listed[0]!.venue.id;
    const form = await say(id, 'action=follow', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(form.headers.get('content-type')).toBe('application/problem+json');
    expect((await form.json()).detail).toContain('application/json');
    const wrong = await say(id, { action: 'going' });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).errors[0].path).toBe('action');
    expect((await say('v_0000000000000000', { action: 'follow' })).status).toBe(404);
  });

  it('follow pins the next event with a following reason and fills the calendar; not-interested removes a venue and its events', async () => {
    const { venues: listed } = await venues('?limit=20');
    const followed = listed.find((v) => v.venue.eventCount >= 3 && v.venue.kind === 'study-group')!;
    const dismissed = listed.find((v) => v.venue.kind === 'meetup')!;
    // Both are listed before anything is said, and the dismissed one's next date is a pick: what follows
    // the dismissal can only be its doing.
    expect(followed?.venue.id).toMatch(/^v_/);
    expect(dismissed?.venue.id).toMatch(/^v_/);
    const before = (await (
      await demo.app.request(`${base}/picks?limit=30`, { headers: auth })
    ).json()) as Recommendations;
    expect(before.picks.map((p) => p.event.id)).toContain(dismissed.venue.next[0]!.id);
    const res = await say(followed.venue.id, { action: 'follow' });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ action: 'follow', venueId: followed.venue.id, name: followed.venue.name });

    const picks = (await (
      await demo.app.request(`${base}/picks?limit=30`, { headers: auth })
    ).json()) as Recommendations;
    const next = picks.picks.find((p) => p.event.id === followed.venue.next[0]!.id);
    expect(next?.reasons).toContainEqual(expect.objectContaining({ kind: 'following' }));
    const ics = await (await demo.app.request(`/cal/${demo.user.feedToken}.ics`)).text();
    for (const event of followed.venue.next) expect(ics).toContain(`UID:pick-${event.id}@convene`);
    const after = await venues('?limit=20');
    expect(after.venues.find((v) => v.venue.id === followed.venue.id)?.reasons).toContainEqual(
      expect.objectContaining({ kind: 'following', text: `you follow ${followed.venue.name}` }),
    );

    expect((await say(dismissed.venue.id, { action: 'not-interested' })).status).toBe(201);
    expect((await venues('?limit=20')).venues.map((v) => v.venue.id)).not.toContain(dismissed.venue.id);
    const without = (await (
      await demo.app.request(`${base}/picks?limit=30`, { headers: auth })
    ).json()) as Recommendations;
    const gone = new Set(dismissed.venue.next.map((e) => e.id));
    expect([...without.picks, ...without.giveFirst].filter((p) => gone.has(p.event.id))).toEqual([]);
    expect(without.picks.map((p) => p.event.title)).not.toContain(dismissed.venue.next[0]!.title);
  });

  it('keeps the ETag while the ranking stands, another page asked in between, and changes it after a follow', async () => {
    const tagOf = async (query: string) => {
      const res = await demo.app.request(`${base}/venues${query}`, { headers: auth });
      expect(res.status).toBe(200);
      return {
        tag: res.headers.get('etag'),
        body: (await res.json()) as { generatedAt: string; venues: VenueChoice[] },
      };
    };
    const first = await tagOf('?limit=1');
    demo.advance(60_000 / 86_400_000);
    const other = await tagOf('?limit=1&offset=1');
    demo.advance(60_000 / 86_400_000);
    const again = await tagOf('?limit=1');
    expect(other.body.generatedAt).toBe(first.body.generatedAt);
    expect(again.tag).toBe(first.tag);
    const { venues: listed } = await venues('?limit=20');
    const target = listed.find((v) => !v.reasons.some((r) => r.kind === 'following'))!;
    expect((await say(target.venue.id, { action: 'follow' })).status).toBe(201);
    const afterFollow = await tagOf('?limit=1');
    expect(afterFollow.tag).not.toBe(first.tag);
  });

  it('is in the OpenAPI document', async () => {
    const doc = await (await demo.app.request('/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/users/{id}/venues', '/v1/users/{id}/venues/{venueId}/feedback']),
    );
    expect(doc.paths['/v1/users/{id}/venues/{venueId}/feedback'].post.responses['415']).toBeDefined();
  });
});
