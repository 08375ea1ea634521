// Runtime-neutral on purpose (see harness.ts): the same suite runs against SQLite and D1 in workerd.
import { describe, expect, it } from 'vitest';
import { DERIVED_CACHE_PART_BYTES, type DerivedCacheStore } from '../../../src/core/derived-cache.ts';

/** Opens a derived cache over a fresh, migrated database; `close` releases it. */
export type OpenDerivedCache = () => Promise<{ derived: DerivedCacheStore; close: () => Promise<void> }>;

/** Bytes that differ from part to part, so a part read twice or out of order shows. */
function patterned(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + seed + Math.floor(i / DERIVED_CACHE_PART_BYTES)) & 0xff;
  return bytes;
}

/** The index of the first byte that differs, or -1 (a deep equality over megabytes takes minutes). */
function firstDifference(a: Uint8Array | undefined, b: Uint8Array): number {
  if (!a) return 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return -1;
}

export function derivedCacheContract(open: OpenDerivedCache): void {
  describe('DerivedCacheStore', () => {
    it('misses on a key never put, and gives back what was put with its stamp', async () => {
      const { derived, close } = await open();
      try {
        expect(await derived.get('catalog')).toBeNull();
        expect(await derived.has('catalog')).toBe(false);
        await derived.put('catalog', '7|v1', patterned(1000, 1));
        expect(await derived.has('catalog')).toBe(true);
        const entry = await derived.get('catalog');
        expect(entry?.stamp).toBe('7|v1');
        expect(entry?.bytes).toEqual(patterned(1000, 1));
        expect(await derived.get('search')).toBeNull();
        // Asked at a stamp: the entry at that stamp, and a miss at any other.
        expect((await derived.get('catalog', '7|v1'))?.bytes).toEqual(patterned(1000, 1));
        expect(await derived.get('catalog', '8|v1')).toBeNull();
      } finally {
        await close();
      }
    });

    it('keeps an entry larger than a row in parts, in order; a smaller entry replaces every part', async () => {
      const { derived, close } = await open();
      try {
        const large = patterned(2 * DERIVED_CACHE_PART_BYTES + 12_345, 2);
        await derived.put('catalog', '1', large);
        expect(firstDifference((await derived.get('catalog'))?.bytes, large)).toBe(-1);
        await derived.put('catalog', '2', patterned(10, 3));
        const entry = await derived.get('catalog');
        expect(entry?.stamp).toBe('2');
        expect(entry?.bytes).toEqual(patterned(10, 3));
      } finally {
        await close();
      }
    }, 120_000); // D1 through the local proxy moves a BLOB as an array of numbers: seconds per megabyte

    it('keeps an empty entry apart from a missing one', async () => {
      const { derived, close } = await open();
      try {
        await derived.put('empty', '1', new Uint8Array(0));
        expect((await derived.get('empty'))?.bytes.length).toBe(0);
      } finally {
        await close();
      }
    });
  });
}
