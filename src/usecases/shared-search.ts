import { VERSION } from '../core/config.ts';
import type { DerivedCacheStore } from '../core/derived-cache.ts';
import type { StoredEvent } from '../core/event.ts';
import type { EventStore } from '../core/event-store.ts';
import type { TimeWindow } from '../core/window.ts';
import {
  decodeSearchSnapshot,
  encodeSearchSnapshot,
  type SearchSnapshot,
  STATUSES,
  searchSnapshot,
} from '../search/search-snapshot.ts';
import { searchIndexedTexts, type TextSearch } from '../search/text-search.ts';
import { persistedDerived } from './persisted-derived.ts';
import { catalogWindow } from './shared-catalog.ts';
import { derivedFromStore } from './store-derived.ts';

/** Where the search index is kept in the derived cache (one entry: the latest window built). */
export const SEARCH_SLOT = 'text-search';
/** Bumped whenever what a persisted search index holds, or how it is built, changes. */
const SEARCH_FORMAT = 2;

export interface SearchHit {
  id: string;
  score: number;
  /** NaN when undated. */
  startMs: number;
  status: StoredEvent['status'];
}

export interface WindowSearch extends TextSearch {
  /** The matching events best first (soonest first among equal scores), with what a caller filters on. */
  ranked(query: string): SearchHit[];
}

/**
 * A search index over every event of the window widened to its hour and day (undated and cancelled
 * ones too; callers keep what they list), shared by the searches of that hour against the same state of
 * the store, and read from `derived` when an earlier process built it for that state: lunr takes
 * seconds to index tens of thousands of events.
 */
export function sharedSearch(
  deps: { store: EventStore; derived?: DerivedCacheStore | undefined },
  window: TimeWindow,
): Promise<WindowSearch> {
  const span = catalogWindow(window);
  return derivedFromStore(deps.store, 'text-search', `${span.fromMs}|${span.toMs}`, async () => {
    const snapshot = await persistedDerived(
      deps,
      SEARCH_SLOT,
      `${SEARCH_FORMAT}|${VERSION}|${span.fromMs}|${span.toMs}`,
      { encode: encodeSearchSnapshot, decode: decodeSearchSnapshot },
      async () =>
        searchSnapshot(await deps.store.listEvents({ ...span, includeUndated: true, includeCancelled: true })),
    );
    return windowSearch(snapshot);
  });
}

function windowSearch(snapshot: SearchSnapshot): WindowSearch {
  const search = searchIndexedTexts(snapshot.ids, snapshot.texts);
  return {
    search: (query) => search.search(query),
    ranked(query) {
      const hits = search.matches(query).map(({ event, score }) => ({
        id: snapshot.ids[event]!,
        score,
        startMs: snapshot.startMs[event]!,
        status: STATUSES[snapshot.status[event]!]!,
      }));
      const start = (hit: SearchHit) => (Number.isNaN(hit.startMs) ? Number.POSITIVE_INFINITY : hit.startMs);
      return hits.sort((a, b) => b.score - a.score || start(a) - start(b));
    },
  };
}
