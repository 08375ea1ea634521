import { valueMs } from '../../core/dates.ts';
import { type EventRecord, TEXT_LIMITS } from '../../core/event.ts';
import { stableId } from '../../core/stable-id.ts';
import { inferKind, inferOnline } from '../classify.ts';
import { excerpt } from '../excerpt.ts';
import type { ParseOptions } from '../parsed-source.ts';
import { cleanText, cleanUrl } from '../text.ts';
import { type FoundDate, fromEventModule, fromText } from './event-date.ts';

/** The fields of an RSS, Atom or JSON Feed item that can describe an event. */
export interface FeedItem {
  id: string | null;
  title: string | null;
  link: string | null;
  description: string | null;
  publishedMs: number | null;
  eventStart: unknown;
  eventEnd: unknown;
  eventLocation: string | null;
  categories: string[];
  author: string | null;
  /** The format defines title and description as plain text (JSON Feed's `title`, `content_text`), not HTML. */
  plainTitle?: boolean;
  plainDescription?: boolean;
}

export function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  // xml2js hands back `{ _: text, $: attrs }` or arrays when an element has attributes or repeats.
  if (Array.isArray(value)) return textOf(value[0]);
  if (value && typeof value === 'object' && '_' in value) return textOf((value as { _: unknown })._);
  return null;
}

/** How a warning names a feed item: by its id, else its title, escaped and cut short. */
export function itemLabel(id: string | null, title: string | null): string {
  return `item ${excerpt(id?.trim() || title?.trim() || '(no id)', 60)}`;
}

/**
 * When an item was published, as an instant; a date that is not one (garbage, high-bit characters, a
 * year beyond 2200) is reported and left out rather than sorted somewhere odd.
 */
export function publishedMs(text: string | null, label: string, unreadable: string[]): number | null {
  if (text === null || text.trim() === '') return null;
  const ms = /^[\x20-\x7E]*$/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isFinite(ms) && ms >= Date.UTC(1900, 0, 1) && ms < Date.UTC(2200, 0, 1)) return ms;
  unreadable.push(`${label}: ${excerpt(text, 40)}`);
  return null;
}

/** One warning for all items whose publication date could not be read (a feed in another language has many). */
export function reportUnreadableDates(unreadable: string[], warnings: string[]): void {
  if (unreadable.length === 0) return;
  warnings.push(
    `${unreadable.length} item${unreadable.length === 1 ? '' : 's'} with an unreadable publication date, ignored (first ${unreadable[0]})`,
  );
}

/**
 * An item becomes an event dated by its event module or its own words, never by when it was posted.
 * Without any such date it is kept undated: a standing invitation (book clubs announce like this).
 */
export function feedItemToRecord(item: FeedItem, options: ParseOptions, warnings: string[]): EventRecord | null {
  // Feed readers title an untitled item by its first words; its link is the last resort.
  const title =
    cleanText(item.title, TEXT_LIMITS.title, { singleLine: true, plain: item.plainTitle ?? false }) ??
    cleanText(cleanText(item.description, 2000)?.split('\n')[0], 120, { singleLine: true }) ??
    cleanText(item.link, TEXT_LIMITS.title, { singleLine: true });
  if (!title) {
    warnings.push('item without title or link skipped');
    return null;
  }
  const description = cleanText(item.description, TEXT_LIMITS.description, { plain: item.plainDescription ?? false });
  const fromModule = fromEventModule(item.eventStart, item.eventEnd);
  if (!fromModule && typeof item.eventStart === 'string' && item.eventStart.trim() !== '')
    warnings.push(`${itemLabel(item.id, title)}: unreadable event start ${excerpt(item.eventStart, 40)} ignored`);
  const found: FoundDate | null = fromModule ?? fromText([title, description], item.publishedMs ?? options.nowMs);
  if (found && !(valueMs(found.start) >= options.window.fromMs && valueMs(found.start) < options.window.toMs)) {
    options.onOutsideWindow?.(valueMs(found.start));
    return null;
  }
  const url = cleanUrl(item.link);
  const locationText = cleanText(item.eventLocation, TEXT_LIMITS.location, { singleLine: true });
  return {
    uid: (item.id?.trim() || url || `item-${stableId(title)}`).slice(0, TEXT_LIMITS.url),
    recurrenceId: null,
    title,
    description,
    start: found?.start ?? null,
    end: found?.end ?? null,
    allDay: found?.allDay ?? false,
    timeZone: found && !found.allDay ? 'UTC' : null,
    location: { text: locationText, city: null, country: null, lat: null, lon: null },
    online: inferOnline(locationText, title, description),
    url,
    kind: options.kind ?? inferKind(title, description, 'other'),
    topics: [
      ...new Set([...options.topics, ...item.categories.map((c) => c.toLowerCase().trim()).filter(Boolean)]),
    ].slice(0, 50),
    cfp: null,
    organizer: cleanText(item.author, TEXT_LIMITS.short, { singleLine: true }),
    status: 'confirmed',
    published: item.publishedMs === null ? null : new Date(item.publishedMs).toISOString(),
  };
}
