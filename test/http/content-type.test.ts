import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
const WINDOW = { fromMs: Date.parse('2026-11-26'), toMs: Date.parse('2027-11-27') };

/** What clients send by mistake: curl's default (form data), none at all, and other plausible types. */
const CONTENT_TYPES = [
  null,
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'text/plain',
  'text/plain; charset=utf-8',
  'application/json',
  'application/json; charset=utf-8',
  'text/vcard',
  'application/xml',
  'application/octet-stream',
  'not a media type',
];

interface Operation {
  requestBody?: { content: Record<string, unknown> };
}

describe('request bodies in the wrong media type', () => {
  let db: ReturnType<typeof tempStore>;
  let app: ReturnType<typeof createApp>;
  let userId: string;
  let feedToken: string;
  let sourceId: string;

  beforeEach(async () => {
    db = tempStore();
    const path = join(db.dir, 'meetups.ics');
    writeFileSync(path, calendar(vevent('a@test', '20261203T180000Z', 'Rust Berlin meetup', ['LOCATION:Berlin'])));
    const deps = depsFor(db.store, NOW);
    await ingestSource(deps, { location: path }, { window: WINDOW, force: true });
    app = createApp({
      cache: createLruCache(1_000),
      store: db.store,
      clock: fixedClock(NOW),
      adminKeyHash: sha256Hex(KEY),
      ingest: (spec) => ingestSource(deps, spec, { window: WINDOW, force: true }),
    });
    const created = await app.request('/v1/users', {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ profile: { interests: ['rust'] } }),
    });
    ({ id: userId, feedToken } = (await created.json()) as { id: string; feedToken: string });
    sourceId = (await db.store.listSources())[0]!.id;
  });
  afterEach(() => db.cleanup());

  const send = (method: string, path: string, type: string | null, body: string) =>
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${KEY}`, ...(type ? { 'content-type': type } : {}) },
      // Fetch refuses a body on GET and HEAD; those routes still get the header.
      ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
    });

  it('curl -d to POST /v1/users (form data) is a 415 problem naming application/json, not a 500', async () => {
    const res = await send('POST', '/v1/users', 'application/x-www-form-urlencoded', '{"profile":{"interests":["x"]}}');
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = await res.json();
    expect(problem.code).toBe('unsupported_media_type');
    expect(problem.detail).toContain('application/json');
  });

  it('a vCard upload in another type, or with none, is a 415 naming text/vcard', async () => {
    for (const type of [null, 'application/json', 'text/plain']) {
      const res = await send('POST', `/v1/users/${userId}/contacts`, type, 'BEGIN:VCARD\r\nFN:Ada\r\nEND:VCARD\r\n');
      expect(res.status, String(type)).toBe(415);
      expect((await res.json()).detail).toContain('text/vcard');
    }
  });

  it('authentication comes before the media type: without a key a wrong type is a 401, not a 415', async () => {
    const routes = [
      ['POST', '/v1/users'],
      ['PUT', `/v1/users/${userId}`],
      ['POST', `/v1/users/${userId}/contacts`],
      ['POST', `/v1/users/${userId}/feedback`],
      ['POST', '/v1/sources'],
    ] as const;
    for (const [method, path] of routes) {
      const res = await app.request(path, {
        method,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'profile=x',
      });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });

  it('vCard uploads in text/x-vcard and text/directory are accepted, as before the media type was checked', async () => {
    for (const [type, name] of [
      ['text/vcard', 'Ada Lovelace'],
      ['text/x-vcard', 'Grace Hopper'],
      ['text/directory', 'Linus Example'],
      ['text/x-vcard; charset=utf-8', 'Barbara Liskov'],
    ] as const) {
      const res = await send(
        'POST',
        `/v1/users/${userId}/contacts`,
        type,
        `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\nEND:VCARD\r\n`,
      );
      expect(res.status, type).toBe(200);
      expect((await res.json()).added, type).toBe(1);
    }
  });

  it('every route of the OpenAPI document, sent every wrong media type, answers a problem and never a 500', async () => {
    const document = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, Operation>>;
    };
    const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
    );
    // Guards the loop itself: the routes with bodies are all there, so a route added later is covered too.
    expect(routes.filter((r) => r.operation.requestBody).length).toBeGreaterThanOrEqual(5);
    let checked = 0;
    for (const { path, method, operation } of routes) {
      const concrete = path
        .replace('{id}', path.startsWith('/v1/sources') ? sourceId : userId)
        .replace('{venueId}', 'v_0000000000000000');
      const declared = Object.keys(operation.requestBody?.content ?? {});
      for (const type of CONTENT_TYPES) {
        const res = await send(method, concrete, type, '{"profile":{"interests":["x"]}}');
        const label = `${method} ${path} with ${type ?? 'no Content-Type'}`;
        expect(res.status, label).toBeLessThan(500);
        const mediaType = type?.split(';')[0] ?? '';
        if (declared.length > 0 && !declared.includes(mediaType)) {
          expect(res.status, label).toBe(415);
          const problem = await res.json();
          expect(problem.code, label).toBe('unsupported_media_type');
          for (const expected of declared) expect(problem.detail, label).toContain(expected);
        }
        checked++;
      }
    }
    expect(checked).toBe(routes.length * CONTENT_TYPES.length);
  });

  it('every form route outside the OpenAPI document (the page feedback), sent every media type and garbage, never answers a 500', async () => {
    const document = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    const documented = new Set(Object.keys(document.paths).map((path) => path.replace(/\{(\w+)\}/g, ':$1')));
    const forms = app.routes.filter(
      (r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && !documented.has(r.path) && !r.path.includes('*'),
    );
    // Guards the loop itself: the page's feedback form is among them.
    expect(forms.map((r) => r.path)).toContain('/u/:token/feedback');
    const bodies = [
      'garbage',
      '--x\r\nContent-Disposition: form-data\r\n\r\nbroken',
      '{"action":"going"}',
      'action=going',
    ];
    for (const { method, path } of forms) {
      const concrete = path.replace(':token', feedToken).replace(':id', userId);
      for (const type of CONTENT_TYPES)
        for (const body of bodies) {
          const res = await send(method, concrete, type, body);
          const label = `${method} ${path} with ${type ?? 'no Content-Type'}: ${body}`;
          expect(res.status, label).toBeLessThan(500);
          // The page answers with its own notice; anything else is a problem the client can read.
          if (res.status === 303) expect(res.headers.get('location'), label).toMatch(/done=invalid/i);
          else expect(res.headers.get('content-type'), label).toBe('application/problem+json');
        }
    }
  });

  it('the page feedback form with a multipart type and a body that is not multipart reads as incomplete, not a 500', async () => {
    const res = await send('POST', `/u/${feedToken}/feedback`, 'multipart/form-data; boundary=x', 'garbage');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/u/${feedToken}?done=invalid#picks`);
  });
});
