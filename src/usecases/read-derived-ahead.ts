import type { Clock } from '../core/clock.ts';
import type { DerivedCacheStore } from '../core/derived-cache.ts';
import type { EventStore } from '../core/event-store.ts';
import type { Geocoder } from '../core/geocoder.ts';
import { defaultLexicon } from '../core/lexicon.ts';
import { defaultWindow } from '../core/window.ts';
import { readCatalogAhead } from './shared-catalog.ts';

/**
 * The reader's side of refreshDerived, for a long-running server: called every so often, it reads the
 * ranking catalog an ingest in another process (or the server's own ingest worker) persisted for the new
 * state of the store, for the window a request asking for no dates ranks, before a request needs it.
 * Cheap while nothing changed (the events stamp read, compared); never builds (see readCatalogAhead).
 */
export async function readDerivedAhead(deps: {
  store: EventStore;
  derived: DerivedCacheStore;
  clock: Clock;
  geocoder?: (() => Promise<Geocoder>) | undefined;
}): Promise<boolean> {
  const nowMs = deps.clock.now();
  const window = { fromMs: nowMs, toMs: defaultWindow(nowMs).toMs };
  return readCatalogAhead(deps.store, defaultLexicon(), deps.geocoder ?? null, window, deps.derived);
}
