import type { Cache } from '../core/cache.ts';

/**
 * The Node runtime's cache: in memory, at most `maxEntries`, the least recently used dropped first.
 * A Map keeps insertion order, so re-inserting on every hit makes its first key the least recent.
 */
export function createLruCache(maxEntries: number): Cache {
  if (!Number.isInteger(maxEntries) || maxEntries < 1)
    throw new RangeError(`maxEntries must be a whole number >= 1, not ${maxEntries}`);
  const entries = new Map<string, unknown>();
  return {
    get<T>(key: string): T | undefined {
      if (!entries.has(key)) return undefined;
      const value = entries.get(key);
      entries.delete(key);
      entries.set(key, value);
      return value as T;
    },
    set<T>(key: string, value: T): void {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
  };
}
