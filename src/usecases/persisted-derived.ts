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
  const eventsStamp = await deps.store.eventsStamp();
  const kept = await readAt(derived, slot, `${eventsStamp}|${variant}`, codec);
  if (kept !== null) return kept.value;
  const value = await build();
  try {
    await derived.put(slot, `${eventsStamp}|${variant}`, codec.encode(value));
  } catch {
    // A cache that cannot be written (the store busy with an ingest) costs the next process a build, no more.
  }
  return value;
}

/**
 * What persistedDerived would read at `eventsStamp`, never building: the entry kept for that state, or
 * null while none is (another process may still be building it).
 */
export async function readPersisted<T>(
  derived: DerivedCacheStore,
  slot: string,
  variant: string,
  eventsStamp: string,
  codec: DerivedCodec<T>,
): Promise<T | null> {
  return (await readAt(derived, slot, `${eventsStamp}|${variant}`, codec))?.value ?? null;
}

/** An entry an older build wrote in another format is a miss, rebuilt, not an error. */
async function readAt<T>(
  derived: DerivedCacheStore,
  slot: string,
  stamp: string,
  codec: DerivedCodec<T>,
): Promise<{ value: T } | null> {
  const kept = await derived.get(slot, stamp);
  if (kept?.stamp !== stamp) return null;
  try {
    return { value: codec.decode(kept.bytes) };
  } catch {
    return null;
  }
}
