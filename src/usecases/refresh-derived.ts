import type { Clock } from '../core/clock.ts';
import type { DerivedCacheStore } from '../core/derived-cache.ts';
import type { EventStore } from '../core/event-store.ts';
import type { Geocoder } from '../core/geocoder.ts';
import { defaultLexicon } from '../core/lexicon.ts';
import { defaultWindow } from '../core/window.ts';
import type { SourceReport } from './ingest-sources.ts';
import { CATALOG_SLOT, sharedCatalog } from './shared-catalog.ts';
import { SEARCH_SLOT, sharedSearch } from './shared-search.ts';

/** Whether an ingest stored, changed, cancelled or withdrew any event. */
export function changedEvents(reports: readonly SourceReport[]): boolean {
  return reports.some(({ counts: c }) => c.new + c.changed + c.cancelled + c.withdrawn > 0);
}

/**
 * After an ingest changed events, rebuilds the kept derived data (ranking catalog, search index) for the
 * window a command run now would ask for, so the next `recommend`, search or first picks of a server
 * read it rather than build it. Only what was built before is rebuilt: a store that nobody ranks or
 * searches pays nothing at ingest. `unbuiltToo` builds every slot: for a runtime whose requests may not
 * build one (a cold Workers isolate has a CPU budget per request that a catalog of every event exceeds).
 */
export async function refreshDerived(
  deps: {
    store: EventStore;
    derived: DerivedCacheStore;
    clock: Clock;
    geocoder?: (() => Promise<Geocoder>) | undefined;
  },
  options: { unbuiltToo?: boolean } = {},
): Promise<void> {
  const nowMs = deps.clock.now();
  const window = { fromMs: nowMs, toMs: defaultWindow(nowMs).toMs };
  const wanted = async (slot: string) => options.unbuiltToo === true || (await deps.derived.has(slot));
  if (await wanted(CATALOG_SLOT))
    await sharedCatalog(deps.store, defaultLexicon(), deps.geocoder ?? null, window, deps.derived);
  if (await wanted(SEARCH_SLOT)) await sharedSearch(deps, window);
}
