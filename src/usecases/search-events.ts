import { valueMs } from '../core/dates.ts';
import type { DerivedCacheStore } from '../core/derived-cache.ts';
import type { StoredEvent } from '../core/event.ts';
import type { EventQuery, EventStore } from '../core/event-store.ts';
import { foldText } from '../core/fold-text.ts';
import { inWindow } from '../core/window.ts';
import { sharedSearch } from './shared-search.ts';

/** The store, and where an index built by an earlier process may be kept (see core/derived-cache.ts). */
export interface SearchDeps {
  store: EventStore;
  derived?: DerivedCacheStore | undefined;
}

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

function hasFilter(search: EventSearch): boolean {
  return Boolean(search.city || search.country || search.online || search.kind || search.topic);
}

/**
 * Events filtered by text (every word, as a word start), place, channel, kind and topic; with `search`,
 * only those matching that query, best first. One page of them.
 */
export async function searchEvents(
  deps: SearchDeps,
  search: EventSearch,
): Promise<{ events: StoredEvent[]; total: number }> {
  const window = { fromMs: search.fromMs, toMs: search.toMs };
  const listing = { ...window, includeUndated: true, includeCancelled: false };
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
  const filtered =
    words.length > 0 || literals.length > 0 || nothingToMatch || search.search !== undefined || hasFilter(search);
  if (!filtered) {
    // Only the page and a count: on D1 every row read is billed, and the window holds thousands.
    const [page, total] = await Promise.all([
      deps.store.listEvents({ ...listing, limit: search.offset + search.limit }),
      deps.store.countEvents(listing),
    ]);
    return { events: page.slice(search.offset), total };
  }
  const all = await deps.store.listEvents(listing);
  let found = nothingToMatch ? [] : all.filter((e) => passesFilters(e, search, words, literals));
  if (search.search !== undefined) {
    const index = await sharedSearch(deps, window);
    found = bestFirst(found, index.search(search.search));
  }
  return { events: found.slice(search.offset, search.offset + search.limit), total: found.length };
}

/** What `convene events` lists: a window's stored events, each once; with `search`, the matches best first. */
export interface EventListing extends EventQuery {
  /** A query in lunr's syntax (see TextSearch). */
  search?: string;
}

/**
 * Without a search the store stops at the limit. With one, the matches come from the window's search
 * index (read from `derived` when an earlier process built it) and only the events shown are read from
 * the store, so a first search costs the index and a page, not the whole window.
 */
export async function listEvents(deps: SearchDeps, listing: EventListing): Promise<StoredEvent[]> {
  const { search, limit, ...query } = listing;
  if (search === undefined) return deps.store.listEvents({ ...query, ...(limit ? { limit } : {}) });
  const index = await sharedSearch(deps, query);
  const listed = index
    .ranked(search)
    .filter((hit) =>
      Number.isNaN(hit.startMs)
        ? query.includeUndated
        : inWindow(query, hit.startMs) && (query.includeCancelled || hit.status === 'confirmed'),
    );
  const page = limit ? listed.slice(0, limit) : listed;
  if (page.length === 0) return [];
  return bestFirst(await deps.store.listEvents({ ...query, ids: page.map((hit) => hit.id) }), page);
}

/** The events that a search matched, in its order (soonest first among equal scores). */
function bestFirst(events: StoredEvent[], hits: { id: string; score: number }[]): StoredEvent[] {
  const scores = new Map(hits.map((h) => [h.id, h.score]));
  const start = (e: StoredEvent) => (e.start ? valueMs(e.start) : Number.POSITIVE_INFINITY);
  return events
    .filter((e) => scores.has(e.id))
    .sort((a, b) => scores.get(b.id)! - scores.get(a.id)! || start(a) - start(b));
}
