import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cache } from '../../src/core/cache.ts';
import { sha256Hex } from '../../src/core/sha256.ts';
import { createApp } from '../../src/http/app.ts';
import { createLruCache } from '../../src/runtime/lru-cache.ts';
import { ADMIN_KEY, demoApp } from '../support/demo-app.ts';

const NOW = '2026-11-27T08:00:00Z';

describe('users by key: kept in the app cache, and a rotated key stops working at once', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  let app: ReturnType<typeof createApp>;
  const stored: { key: string; owner: string | undefined }[] = [];
  beforeAll(async () => {
    demo = await demoApp(NOW);
    const lru = createLruCache(1_000);
    // The real LRU, watched: which entries the app puts in its one cache, and whose they are.
    const cache: Cache = {
      get: (key) => lru.get(key),
      set: (key, value, entry) => {
        stored.push({ key, owner: entry?.owner });
        lru.set(key, value, entry);
      },
    };
    app = createApp({ store: demo.db.store, clock: { now: demo.now }, cache, adminKeyHash: sha256Hex(ADMIN_KEY) });
  });
  afterAll(() => demo?.db.cleanup());

  it('serves a warm key from the cache port, and answers 401 to the old key right after a rotation', async () => {
    const path = `/v1/users/${demo.user.id}`;
    const old = { authorization: `Bearer ${demo.user.apiKey}` };
    expect((await app.request(path, { headers: old })).status).toBe(200);
    const userEntries = stored.filter((s) => s.key.includes(sha256Hex(demo.user.apiKey)));
    expect(userEntries).toHaveLength(1);
    expect(userEntries[0]!.owner).toBe(demo.user.id);
    expect((await app.request(path, { headers: old })).status).toBe(200);
    expect(stored.filter((s) => s.key.includes(sha256Hex(demo.user.apiKey)))).toHaveLength(1);

    const rotated = await app.request(`${path}/key`, { method: 'POST', headers: old });
    expect(rotated.status).toBe(200);
    const { apiKey } = (await rotated.json()) as { apiKey: string };
    expect((await app.request(path, { headers: old })).status).toBe(401);
    expect((await app.request(path, { headers: { authorization: `Bearer ${apiKey}` } })).status).toBe(200);
  });
});
