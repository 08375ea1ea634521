import lunr from 'lunr';
import type { StoredEvent } from '../core/event.ts';

/** The search syntax is lunr's; its parser's complaint, said of the parameter that carried the query. */
export class SearchSyntaxError extends Error {}

export interface TextSearch {
  /**
   * Event ids matching a query in lunr's syntax, best first: words (any may match), `+word` (must),
   * `-word` (must not), `field:word` (title, topics, description, place, organizer), `word*`, `word~1`,
   * `word^10`.
   */
  search(query: string): { id: string; score: number }[];
}

export const SEARCH_FIELDS = ['title', 'topics', 'description', 'place', 'organizer'] as const;

type SearchDoc = Record<(typeof SEARCH_FIELDS)[number], string>;

function searchDoc(e: StoredEvent): SearchDoc {
  return {
    title: e.title,
    topics: e.topics.join(' '),
    description: e.description ?? '',
    place: [e.location.text, e.location.city, e.location.country].filter(Boolean).join(' '),
    organizer: e.organizer ?? '',
  };
}

/** A lunr index over texts, and which text each event has. */
export interface IndexedTexts {
  index: lunr.Index;
  /** Per event (in the order given), the number of its text, which is its document's ref in the index. */
  docOf: Int32Array;
}

/**
 * Ad-hoc search over events with lunr (`events --search`, `/v1/events?search=`): its query syntax is
 * what a person typing into a search box expects. One of three text matchers, each for its own job:
 * the `q` scan (usecases/search-events.ts) filters by every word without an index; this ranks a typed
 * query; BM25 (score/bm25-index.ts) scores every event against a profile's interests, in typed arrays,
 * because ranking picks must stay milliseconds at 100,000 events, where lunr takes seconds.
 *
 * One document per distinct text: the occurrences of a series share theirs, so a weekly meetup is
 * indexed once rather than fifty times (indexing is what makes a first search slow), and its words do
 * not look fifty times as common as they are.
 */
export function indexTexts(events: readonly StoredEvent[]): IndexedTexts {
  const docOf = new Int32Array(events.length);
  const numberOf = new Map<string, number>();
  const docs: SearchDoc[] = [];
  events.forEach((event, i) => {
    const doc = searchDoc(event);
    const key = SEARCH_FIELDS.map((f) => doc[f]).join('\u0000');
    let n = numberOf.get(key);
    if (n === undefined) {
      n = docs.length;
      numberOf.set(key, n);
      docs.push(doc);
    }
    docOf[i] = n;
  });
  const index = lunr(function () {
    this.ref('ref');
    this.field('title', { boost: 3 });
    this.field('topics', { boost: 2 });
    this.field('description');
    this.field('place');
    this.field('organizer');
    docs.forEach((doc, n) => {
      this.add({ ref: String(n), ...doc });
    });
  });
  return { index, docOf };
}

/** A search that also answers with event numbers (in the order of `docOf`), for callers that keep per-event arrays. */
export interface NumberedTextSearch extends TextSearch {
  matches(query: string): { event: number; score: number }[];
}

/** Searches an index of texts, answering with the events (by `ids`, in the order of `docOf`) that have them. */
export function searchIndexedTexts(ids: readonly string[], { index, docOf }: IndexedTexts): NumberedTextSearch {
  const eventsOfDoc = new Map<number, number[]>();
  docOf.forEach((doc, i) => {
    const list = eventsOfDoc.get(doc);
    if (list) list.push(i);
    else eventsOfDoc.set(doc, [i]);
  });
  const matches = (query: string) => {
    let hits: lunr.Index.Result[];
    try {
      hits = index.search(query);
    } catch (error) {
      if (error instanceof lunr.QueryParseError) throw new SearchSyntaxError(error.message);
      throw error;
    }
    return hits.flatMap((hit) =>
      (eventsOfDoc.get(Number(hit.ref)) ?? []).map((event) => ({ event, score: hit.score })),
    );
  };
  return {
    matches,
    search: (query) => matches(query).map(({ event, score }) => ({ id: ids[event]!, score })),
  };
}

/**
 * Ad-hoc search over events with lunr: its query syntax is what a person typing into a search box
 * expects. (The per-user ranking uses its own typed-array index: lunr is too slow for that at scale.)
 */
export function buildTextSearch(events: readonly StoredEvent[]): TextSearch {
  return searchIndexedTexts(
    events.map((e) => e.id),
    indexTexts(events),
  );
}
