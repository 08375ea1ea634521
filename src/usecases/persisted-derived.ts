import type { DerivedCacheStore } from '../core/derived-cache.ts';
import type { EventStore } from '../core/event-store.ts';

export interface DerivedCodec<T> {
  encode(value: T): Uint8Array;
  decode(bytes: Uint8Array): T;
}

/**
 * Something derived from the store's events, read from the derived cache when it was built at the
 * store's current events stamp, else built from the events and kept there for the next process. The
 * stamp is read before the build reads any event, so an entry never claims a newer state than it holds.
 * `slot` holds one entry (the latest replaces the one before, so entries do not pile up); `variant`
 * names everything besides the events that the value depends on (window, lexicon, format).
 */
export async function persistedDerived<T>(
  deps: { store: EventStore; derived?: DerivedCacheStore | undefined },
  slot: string,
  variant: string,
  codec: DerivedCodec<T>,
  build: () => Promise<T>,
): Promise<T> {
  const { derived } = deps;
  if (!derived) return build();
  const stamp = `${await deps.store.eventsStamp()}|${variant}`;
  const key = slot;
  const kept = await derived.get(key);
  if (kept?.stamp === stamp) {
    const decoded = decodeOrNull(codec, kept.bytes);
    if (decoded !== null) return decoded.value;
  }
  const value = await build();
  try {
    await derived.put(key, stamp, codec.encode(value));
  } catch {
    // A cache that cannot be written (the store busy with an ingest) costs the next process a build, no more.
  }
  return value;
}

/** An entry an older build wrote in another format is rebuilt, not an error. */
function decodeOrNull<T>(codec: DerivedCodec<T>, bytes: Uint8Array): { value: T } | null {
  try {
    return { value: codec.decode(bytes) };
  } catch {
    return null;
  }
}
