import { describe, expect, it } from 'vitest';
import { createLruCache, estimatedBytes, OBJECT_BYTES_ESTIMATE } from '../../src/runtime/lru-cache.ts';

describe('the Node cache port: an in-memory LRU', () => {
  it('keeps at most its bound, dropping the least recently used (a read counts as use)', () => {
    const cache = createLruCache(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    cache.set('a', 10);
    cache.set('d', 4);
    expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual([10, undefined, 4]);
  });

  it('tells a stored falsy value from a miss, and refuses a bound that could hold nothing', () => {
    const cache = createLruCache(1);
    cache.set('zero', 0);
    expect(cache.get('zero')).toBe(0);
    expect(cache.get('other')).toBeUndefined();
    expect(() => createLruCache(0)).toThrow(/maxEntries/);
  });

  it("caps one owner's entries: a flood of distinct asks by one user evicts their own, not another's recent entry", () => {
    const cache = createLruCache(1_000, { maxEntriesPerOwner: 10 });
    cache.set('b|picks', 'b answer', { owner: 'b' });
    for (let i = 0; i < 5_000; i++) cache.set(`a|picks|from=${i}`, `answer ${i}`, { owner: 'a' });
    expect(cache.get('b|picks')).toBe('b answer');
    // The flooder keeps its ten most recent answers.
    expect(cache.get('a|picks|from=4999')).toBe('answer 4999');
    expect(cache.get('a|picks|from=4990')).toBe('answer 4990');
    expect(cache.get('a|picks|from=4989')).toBeUndefined();
  });

  it('is bounded by bytes as well as entries: large bodies go least recent first, the newest always stays', () => {
    const body = (n: number) => ({ body: new Uint8Array(n), gzipped: new Uint8Array(n / 4), etag: '"x"' });
    const cache = createLruCache(1_000, { maxBytes: 120_000 });
    cache.set('small', 1);
    cache.set('big-1', body(40_000));
    cache.set('big-2', body(40_000));
    expect(cache.get('small')).toBe(1);
    cache.set('big-3', body(40_000));
    expect([cache.get('big-1'), cache.get('small')]).toEqual([undefined, 1]);
    expect(cache.get('big-2')).toBeDefined();
    cache.set('huge', body(400_000));
    expect(cache.get('huge')).toBeDefined();
    expect([cache.get('small'), cache.get('big-2'), cache.get('big-3')]).toEqual([undefined, undefined, undefined]);
  });

  it('estimates a cached body by its bytes and its gzip, anything else by a fixed guess', () => {
    const body = { body: new Uint8Array(10_000), gzipped: new Uint8Array(2_000), etag: '"e"', gzipEtag: '"e-gzip"' };
    expect(estimatedBytes('k', body)).toBeGreaterThanOrEqual(12_000);
    expect(estimatedBytes('k', body)).toBeLessThan(13_000);
    expect(estimatedBytes('k', { picks: [] })).toBeGreaterThanOrEqual(OBJECT_BYTES_ESTIMATE);
    expect(estimatedBytes('k', 'x'.repeat(1_000))).toBeGreaterThanOrEqual(2_000);
  });
});
