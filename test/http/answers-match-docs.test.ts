import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/sha256.ts';
import { createApp } from '../../src/http/app.ts';
import { createLruCache } from '../../src/runtime/lru-cache.ts';
import { loadProfile } from '../../src/runtime/profile-file.ts';
import { recommend } from '../../src/usecases/recommend.ts';
import { ADMIN_KEY, DATA, demoApp } from '../support/demo-app.ts';

const NOW = '2026-11-27T08:00:00Z';
const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

/** The rows of the README's quick-start route table: the route as written and what it says about it. */
function quickStartRoutes(): { route: string; text: string }[] {
  const section = README.slice(README.indexOf('## Quick start'), README.indexOf('## The CLI'));
  return [...section.matchAll(/^\| `([^`]+)` \| (.*) \|$/gm)].map((m) => ({ route: m[1]!, text: m[2]! }));
}

describe('answers match what the docs say', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  const asUser = () => ({ authorization: `Bearer ${demo.user.apiKey}` });
  beforeEach(async () => {
    demo = await demoApp(NOW);
  });
  afterEach(() => demo.db.cleanup());

  it('the README quick-start table says "admin key" on every route that answers 401 without it', async () => {
    const app = createApp({
      cache: createLruCache(1_000),
      store: demo.db.store,
      clock: { now: demo.now },
      adminKeyHash: sha256Hex(ADMIN_KEY),
      home: { userId: demo.user.id, pagePath: `/u/${demo.user.feedToken}` },
    });
    const rows = quickStartRoutes().filter((r) => !r.route.includes('{'));
    expect(rows.map((r) => r.route)).toContain('/v1/sources');
    for (const { route, text } of rows) {
      const status = (await app.request(route.split('?')[0]!)).status;
      if (status === 401) expect(text, route).toMatch(/admin key/);
      else expect(status, route).toBeLessThan(400);
    }
  });

  it('/docs says "needs the admin key" on admin-only routes and puts a space between method and path', async () => {
    const page = await (await demo.app.request('/docs')).text();
    const section = (method: string, path: string) => {
      const at = page.indexOf(`<span class="m">${method}</span> <code>${path}</code>`);
      expect(at, `${method} ${path}`).toBeGreaterThan(-1);
      return page.slice(at, page.indexOf('</section>', at));
    };
    const adminOnly: [string, string][] = [
      ['GET', '/v1/sources'],
      ['POST', '/v1/sources'],
      ['DELETE', '/v1/sources/{id}'],
      ['POST', '/v1/sources/{id}/ingest'],
      ['POST', '/v1/users'],
    ];
    for (const [method, path] of adminOnly) expect(section(method, path)).toContain('needs the admin key');
    expect(section('GET', '/v1/users/{id}/picks')).toContain('needs the API key of that user or the admin key');
    expect(section('GET', '/v1/events')).not.toContain('needs');
  });

  it('the OpenAPI document keeps bearer as the security of every keyed route; admin-only ones are marked by x-admin-only', async () => {
    const document = (await (await demo.app.request('/openapi.json')).json()) as {
      components: { securitySchemes: Record<string, unknown> };
      paths: Record<string, Record<string, { security?: Record<string, unknown>[]; 'x-admin-only'?: boolean }>>;
    };
    // Clients generated from the earlier document know one scheme; a second one would break them.
    expect(Object.keys(document.components.securitySchemes)).toEqual(['bearer']);
    const keyed = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, op]) => op.security?.length)
        .map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    );
    for (const { route, op } of keyed) expect(op.security, route).toEqual([{ bearer: [] }]);
    const adminOnly = keyed.filter(({ op }) => op['x-admin-only'] === true).map(({ route }) => route);
    expect(adminOnly.sort()).toEqual(
      [
        'DELETE /v1/sources/{id}',
        'GET /v1/sources',
        'POST /v1/sources',
        'POST /v1/sources/{id}/ingest',
        'POST /v1/users',
      ].sort(),
    );
    // What the extension says, the route enforces: a user's own key does not open it.
    expect((await demo.app.request('/v1/sources', { headers: asUser() })).status).toBe(401);
  });

  it('/events is the events page under serve (no served user) as under start', async () => {
    const served = await demo.app.request('/events');
    expect(served.status).toBe(200);
    expect(await served.text()).toContain('<h1>Upcoming events</h1>');
    expect(await (await demo.app.request('/')).text()).toContain('<h1>Upcoming events</h1>');
  });

  it('/v1/users/{id}/picks has the JSON shape of convene recommend (generatedAt included), plus next', async () => {
    const api = await (await demo.app.request(`/v1/users/${demo.user.id}/picks`, { headers: asUser() })).json();
    const loaded = loadProfile(join(DATA, 'demo', 'profile.template.json'), demo.now());
    const cli = await recommend(
      { store: demo.db.store, clock: { now: demo.now } },
      { profile: loaded.profile, contacts: loaded.contacts, userKey: 'shape', limit: 20 },
    );
    expect(Object.keys(api).sort()).toEqual([...Object.keys(cli), 'next'].sort());
    expect(api.generatedAt).toBe(new Date(demo.now()).toISOString());
  });

  it('a reversed from/to window is a 400 naming both parameters, for events, picks and venues alike', async () => {
    for (const path of ['/v1/events', `/v1/users/${demo.user.id}/picks`, `/v1/users/${demo.user.id}/venues`]) {
      const res = await demo.app.request(`${path}?from=2027-05-01&to=2027-01-01`, { headers: asUser() });
      expect(res.status, path).toBe(400);
      const problem = await res.json();
      expect(problem.errors.map((e: { path: string }) => e.path).sort(), path).toEqual(['from', 'to']);
    }
  });
});
