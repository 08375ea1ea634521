import { describe, expect, it } from 'vitest';
import { createLruCache } from '../../src/runtime/lru-cache.ts';

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
});
