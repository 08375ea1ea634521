import { valueMs } from '../core/dates.ts';
import type { StoredEvent } from '../core/event.ts';
import type { EventStore } from '../core/event-store.ts';
import { foldText } from '../core/fold-text.ts';
import type { TimeWindow } from '../core/window.ts';
import { buildTextSearch, type TextSearch } from '../search/text-search.ts';
import { catalogWindow } from './shared-catalog.ts';
import { derivedFromStore } from './store-derived.ts';

export interface EventSearch {
  q?: string;
  /** A query in lunr's syntax (see TextSearch); results come best first. */
  search?: string;
  fromMs: number;
  toMs: number;
  city?: string;
  country?: string;
  online?: 'true' | 'false' | 'hybrid';
  kind?: string;
  topic?: string;
  limit: number;
  offset: number;
}

/**
 * The `q` scan: every word must start a word of the event's text, as a filter beside place and kind. A
 * plain pass over the listed events, so it needs no index and a page of filtered events costs one read.
 * (Ranked text search is lunr's, in search/text-search.ts; ranking picks for a profile is BM25's, in
 * score/bm25-index.ts.)
 */
function passesFilters(event: StoredEvent, search: EventSearch, words: string[], literals: string[]): boolean {
  if (search.city && foldText(event.location.city ?? '') !== foldText(search.city)) return false;
  if (search.country && foldText(event.location.country ?? '') !== foldText(search.country)) return false;
  if (search.online && String(event.online) !== search.online) return false;
  if (search.kind && event.kind !== search.kind) return false;
  if (search.topic && !event.topics.some((t) => foldText(t) === foldText(search.topic!))) return false;
  if (words.length === 0 && literals.length === 0) return true;
  const raw = `${event.title} ${event.description ?? ''} ${event.topics.join(' ')} ${event.location.text ?? ''}`;
  const text = ` ${foldText(raw)} `;
  if (!words.every((word) => text.includes(` ${word}`))) return false;
  const lower = raw.toLowerCase();
  return literals.every((literal) => lower.includes(literal));
}

/**
 * Events filtered by text (every word, as a word start), place, channel, kind and topic; with `search`,
 * only those matching that query, best first. One page of them.
 */
export async function searchEvents(
  store: EventStore,
  search: EventSearch,
): Promise<{ events: StoredEvent[]; total: number }> {
  const window = { fromMs: search.fromMs, toMs: search.toMs };
  const all = await store.listEvents({ ...window, includeUndated: true, includeCancelled: false });
  const words = search.q ? foldText(search.q).split(' ').filter(Boolean) : [];
  // `%` and `_` (SQL LIKE's wildcards) fold away with the other symbols: a word holding one is also
  // matched as written, so `100%` finds "100% Rust" and `%` only text with a percent sign, never everything.
  const literals = search.q
    ? search.q
        .toLowerCase()
        .split(/\s+/)
        .filter((w) => /[%_]/.test(w))
    : [];
  // Any other query of only symbols folds to nothing and matches nothing.
  const nothingToMatch = Boolean(search.q?.trim()) && words.length === 0 && literals.length === 0;
  let found = nothingToMatch ? [] : all.filter((e) => passesFilters(e, search, words, literals));
  if (search.search !== undefined) found = await searchedBestFirst(store, window, found, search.search);
  return { events: found.slice(search.offset, search.offset + search.limit), total: found.length };
}

/** What `convene events` lists: a window's stored events, each once; with `search`, the matches best first. */
export interface EventListing {
  fromMs: number;
  toMs: number;
  includeUndated: boolean;
  includeCancelled: boolean;
  limit?: number;
  /** A query in lunr's syntax (see TextSearch). */
  search?: string;
}

export async function listEvents(store: EventStore, listing: EventListing): Promise<StoredEvent[]> {
  const { search, limit, ...query } = listing;
  // Without a search the store stops at the limit; a search ranks every listed event first.
  const listed = await store.listEvents({ ...query, ...(limit && search === undefined ? { limit } : {}) });
  if (search === undefined) return listed;
  const found = await searchedBestFirst(store, listing, listed, search, listing.includeCancelled);
  return limit ? found.slice(0, limit) : found;
}

/** The events among `events` that a lunr query matches, best first, searched in the window's shared index. */
async function searchedBestFirst(
  store: EventStore,
  window: TimeWindow,
  events: StoredEvent[],
  query: string,
  includeCancelled = false,
): Promise<StoredEvent[]> {
  const index = await sharedTextSearch(store, window, includeCancelled);
  return bestFirst(events, index.search(query));
}

/** The events that a search matched, in its order (soonest first among equal scores). */
function bestFirst(events: StoredEvent[], hits: { id: string; score: number }[]): StoredEvent[] {
  const scores = new Map(hits.map((h) => [h.id, h.score]));
  const start = (e: StoredEvent) => (e.start ? valueMs(e.start) : Number.POSITIVE_INFINITY);
  return events
    .filter((e) => scores.has(e.id))
    .sort((a, b) => scores.get(b.id)! - scores.get(a.id)! || start(a) - start(b));
}

/**
 * A search index over the window widened to its hour and day, shared by the searches of that hour
 * against the same state of the store (lunr takes seconds to index tens of thousands of events).
 */
function sharedTextSearch(store: EventStore, window: TimeWindow, includeCancelled: boolean): Promise<TextSearch> {
  const span = catalogWindow(window);
  return derivedFromStore(store, 'text-search', `${span.fromMs}|${span.toMs}|${includeCancelled}`, async () =>
    buildTextSearch(await store.listEvents({ ...span, includeUndated: true, includeCancelled })),
  );
}
