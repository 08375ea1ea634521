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

/**
 * Ad-hoc search over events with lunr (`events --search`, `/v1/events?search=`): its query syntax is
 * what a person typing into a search box expects. One of three text matchers, each for its own job:
 * the `q` scan (usecases/search-events.ts) filters by every word without an index; this ranks a typed
 * query; BM25 (score/bm25-index.ts) scores every event against a profile's interests, in typed arrays,
 * because ranking picks must stay milliseconds at 100,000 events, where lunr takes seconds.
 */
export function buildTextSearch(events: readonly StoredEvent[]): TextSearch {
  const index = lunr(function () {
    this.ref('id');
    this.field('title', { boost: 3 });
    this.field('topics', { boost: 2 });
    this.field('description');
    this.field('place');
    this.field('organizer');
    for (const e of events) {
      this.add({
        id: e.id,
        title: e.title,
        topics: e.topics.join(' '),
        description: e.description ?? '',
        place: [e.location.text, e.location.city, e.location.country].filter(Boolean).join(' '),
        organizer: e.organizer ?? '',
      });
    }
  });
  return {
    search(query) {
      try {
        return index.search(query).map((hit) => ({ id: hit.ref, score: hit.score }));
      } catch (error) {
        if (error instanceof lunr.QueryParseError) throw new SearchSyntaxError(error.message);
        throw error;
      }
    },
  };
}
