import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { memoryRateLimiter } from '../../src/http/rate-limit.ts';
import { createLruCache } from '../../src/runtime/lru-cache.ts';
import { tempStore } from '../support/store.ts';

describe('rate limiting', () => {
  it('answers 429 with Retry-After past the limit, per address and per key separately, and resets with the window', async () => {
    const db = tempStore();
    let now = Date.parse('2026-11-27T00:00:00Z');
    try {
      const app = createApp({
        cache: createLruCache(1_000),
        store: db.store,
        clock: { now: () => now },
        rateLimiter: memoryRateLimiter(2, 60_000),
        clientAddress: (request) => request.headers.get('x-test-client') ?? undefined,
      });
      const from = (client: string, extra: Record<string, string> = {}) =>
        app.request('/v1/events', { headers: { 'x-test-client': client, ...extra } });
      expect((await from('a')).status).toBe(200);
      expect((await from('a')).status).toBe(200);
      const limited = await from('a');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('60');
      expect(limited.headers.get('content-type')).toMatch(/problem\+json/);
      expect((await limited.json()).code).toBe('rate_limited');
      expect((await from('b')).status).toBe(200);
      // A key is its own bucket, wherever it comes from.
      expect((await from('a', { authorization: 'Bearer some-key' })).status).toBe(200);
      now += 60_000;
      expect((await from('a')).status).toBe(200);
    } finally {
      await db.cleanup();
    }
  });
});
