import type { Cache, CacheEntry } from '../core/cache.ts';

export interface LruBounds {
  /** Bytes the entries may take, by estimate (estimatedBytes). */
  maxBytes?: number;
  /** Entries one owner may keep: beyond it, that owner's least recently used goes, not anyone else's. */
  maxEntriesPerOwner?: number;
}

interface Slot {
  value: unknown;
  bytes: number;
  owner: string | undefined;
}

/**
 * What an entry costs in memory, roughly: the bytes of a serialised body (and its gzip), two bytes a
 * character of a string, and for anything else (a ranking as objects) a fixed guess of its usual size.
 */
export const OBJECT_BYTES_ESTIMATE = 32_768;
const SLOT_OVERHEAD_BYTES = 256;

export function estimatedBytes(key: string, value: unknown): number {
  const own = key.length * 2 + SLOT_OVERHEAD_BYTES;
  if (typeof value === 'string') return own + value.length * 2;
  if (value instanceof Uint8Array) return own + value.byteLength;
  if (typeof value !== 'object' || value === null) return own;
  const parts = Object.values(value);
  const binary = parts.filter((part): part is Uint8Array => part instanceof Uint8Array);
  if (binary.length === 0) return own + OBJECT_BYTES_ESTIMATE;
  const text = parts.filter((part): part is string => typeof part === 'string');
  return own + binary.reduce((sum, part) => sum + part.byteLength, 0) + text.reduce((s, t) => s + t.length * 2, 0);
}

/**
 * The Node runtime's cache: in memory, at most `maxEntries` and `maxBytes`, and at most
 * `maxEntriesPerOwner` of one owner, the least recently used dropped first. A Map keeps insertion
 * order, so re-inserting on every hit makes its first key the least recent (of all, and of an owner).
 */
export function createLruCache(maxEntries: number, bounds: LruBounds = {}): Cache {
  const maxBytes = bounds.maxBytes ?? Number.POSITIVE_INFINITY;
  const perOwner = bounds.maxEntriesPerOwner ?? Number.POSITIVE_INFINITY;
  for (const [name, bound] of [
    ['maxEntries', maxEntries],
    ['maxEntriesPerOwner', perOwner],
  ] as const)
    if (bound !== Number.POSITIVE_INFINITY && (!Number.isInteger(bound) || bound < 1))
      throw new RangeError(`${name} must be a whole number >= 1, not ${bound}`);
  if (!(maxBytes > 0)) throw new RangeError(`maxBytes must be > 0, not ${maxBytes}`);
  const slots = new Map<string, Slot>();
  const owners = new Map<string, Map<string, true>>();
  let bytes = 0;

  function touch(key: string, slot: Slot) {
    slots.delete(key);
    slots.set(key, slot);
    if (slot.owner === undefined) return;
    const keys = owners.get(slot.owner)!;
    keys.delete(key);
    keys.set(key, true);
  }
  function drop(key: string) {
    const slot = slots.get(key);
    if (!slot) return;
    slots.delete(key);
    bytes -= slot.bytes;
    if (slot.owner === undefined) return;
    const keys = owners.get(slot.owner)!;
    keys.delete(key);
    if (keys.size === 0) owners.delete(slot.owner);
  }

  return {
    get<T>(key: string): T | undefined {
      const slot = slots.get(key);
      if (!slot) return undefined;
      touch(key, slot);
      return slot.value as T;
    },
    set<T>(key: string, value: T, entry: CacheEntry = {}): void {
      drop(key);
      const slot: Slot = { value, bytes: estimatedBytes(key, value), owner: entry.owner };
      slots.set(key, slot);
      bytes += slot.bytes;
      if (slot.owner !== undefined) {
        const keys = owners.get(slot.owner) ?? new Map<string, true>();
        owners.set(slot.owner, keys);
        keys.set(key, true);
        if (keys.size > perOwner) drop(keys.keys().next().value!);
      }
      // The newest entry stays even when it alone is over the byte bound: it is what was just asked for.
      while (slots.size > maxEntries || (bytes > maxBytes && slots.size > 1)) drop(slots.keys().next().value!);
    },
  };
}
