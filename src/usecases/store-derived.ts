import type { EventStore } from '../core/event-store.ts';

interface Entry {
  key: string;
  value: Promise<unknown>;
}

const slots = new WeakMap<EventStore, Map<string, Entry>>();
const ids = new WeakMap<object, number>();
let lastId = 0;

/** A number per object, for keys that depend on which lexicon or gazetteer built something. */
export function identityOf(value: object | null): number {
  if (value === null) return 0;
  let id = ids.get(value);
  if (id === undefined) {
    id = ++lastId;
    ids.set(value, id);
  }
  return id;
}

/**
 * Something built from the store's events (a ranking catalog, a search index), kept while the store's
 * events are unchanged (its events stamp) and the key is the same: one per store and slot, so the latest
 * replaces the one before. Concurrent callers share one build; a failed build is not kept.
 */
export async function derivedFromStore<T>(
  store: EventStore,
  slot: string,
  key: string,
  build: () => Promise<T>,
): Promise<T> {
  const full = `${await store.eventsStamp()}|${key}`;
  const bySlot = slotsOf(store);
  const hit = bySlot.get(slot);
  if (hit?.key === full) return hit.value as Promise<T>;
  const value = build();
  const entry = { key: full, value };
  bySlot.set(slot, entry);
  value.catch(() => {
    if (bySlot.get(slot) === entry) bySlot.delete(slot);
  });
  return value;
}

function slotsOf(store: EventStore): Map<string, Entry> {
  let bySlot = slots.get(store);
  if (!bySlot) {
    bySlot = new Map();
    slots.set(store, bySlot);
  }
  return bySlot;
}

/**
 * Whether this process holds something in `slot` for the store: of any state (it built or read one),
 * or, given `eventsStamp`, one of that state (whatever its key).
 */
export function holdsDerived(store: EventStore, slot: string, eventsStamp?: string): boolean {
  const held = slots.get(store)?.get(slot);
  return held !== undefined && (eventsStamp === undefined || held.key.startsWith(`${eventsStamp}|`));
}

/**
 * Keeps a value obtained elsewhere (read from the derived cache) as the slot's entry for the events
 * stamp it was built at, as derivedFromStore would have: a caller at that stamp and key shares it, one
 * at any other stamp builds as usual, so a store changed meanwhile never gets it.
 */
export function keepDerived<T>(store: EventStore, slot: string, key: string, eventsStamp: string, value: T): void {
  const full = `${eventsStamp}|${key}`;
  const bySlot = slotsOf(store);
  if (bySlot.get(slot)?.key !== full) bySlot.set(slot, { key: full, value: Promise.resolve(value) });
}
