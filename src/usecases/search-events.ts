import type { StoredEvent } from '../core/event.ts';
import type { EventStore } from '../core/event-store.ts';
import { foldText } from '../core/fold-text.ts';

export interface EventSearch {
  q?: string;
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

function matches(event: StoredEvent, search: EventSearch, words: string[]): boolean {
  if (search.city && foldText(event.location.city ?? '') !== foldText(search.city)) return false;
  if (search.country && foldText(event.location.country ?? '') !== foldText(search.country)) return false;
  if (search.online && String(event.online) !== search.online) return false;
  if (search.kind && event.kind !== search.kind) return false;
  if (search.topic && !event.topics.some((t) => foldText(t) === foldText(search.topic!))) return false;
  if (words.length === 0) return true;
  const text = ` ${foldText(`${event.title} ${event.description ?? ''} ${event.topics.join(' ')} ${event.location.text ?? ''}`)} `;
  return words.every((word) => text.includes(` ${word}`));
}

/** Events filtered by text (every word, as a word start), place, channel, kind and topic; one page of them. */
export async function searchEvents(
  store: EventStore,
  search: EventSearch,
): Promise<{ events: StoredEvent[]; total: number }> {
  const all = await store.listEvents({
    fromMs: search.fromMs,
    toMs: search.toMs,
    includeUndated: true,
    includeCancelled: false,
  });
  const words = search.q ? foldText(search.q).split(' ').filter(Boolean) : [];
  const found = all.filter((e) => matches(e, search, words));
  return { events: found.slice(search.offset, search.offset + search.limit), total: found.length };
}
