import type { StoredEvent } from '../../core/event.ts';
import { foldText } from '../../core/fold-text.ts';

/** Numbering that tells sessions or editions of one gathering apart, never the gathering itself. */
const NUMBERING = [
  /\b(?:session|week|chapter|part|episode|ep|meeting|edition|no|nr|vol|volume|round|day|lesson|module|unit|class|sprint|issue|meetup)\s*#?\s*\d+\b/gi,
  /#\s*\d+/g,
  /\b\d+(?:st|nd|rd|th)\b/gi,
  /\b(?:19|20)\d{2}\b/g,
  /\b\d+\b/g,
];
const SEPARATORS = /\s*(?::|\||–|—|\s-\s)\s*/;
/**
 * Words that name a format, not a community: "Meetup: Rust in production" says nothing about whose
 * meetup it is, while "BerlinJS: Signals" names the group in one word.
 */
const FORMAT_WORDS = new Set([
  'meetup',
  'workshop',
  'talk',
  'talks',
  'webinar',
  'session',
  'event',
  'meeting',
  'online',
  'hackathon',
  'lecture',
  'seminar',
  'course',
  'class',
  'panel',
  'livestream',
  'new',
  'update',
  'cancelled',
  'canceled',
]);

export function withoutNumbering(text: string): string {
  let out = text;
  for (const pattern of NUMBERING) out = out.replace(pattern, ' ');
  return out
    .replace(/[(){}[\]]\s*[)}\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s\-–—:,.|]+|[\s\-–—:,.|]+$/g, '');
}

/**
 * The part of a title that names the gathering: the part before a separator, numbering left out
 * ("Rust async reading group: chapter 3", "BerlinJS: Signals"), unless it is only numbering or a
 * format word ("Session 4 | Rust async reading group", "Meetup: Rust in production").
 */
export function titleStem(title: string): string {
  const parts = title
    .split(SEPARATORS)
    .map(withoutNumbering)
    .filter((p) => p.length > 0);
  return parts.find((p) => !FORMAT_WORDS.has(foldText(p))) ?? parts[0] ?? '';
}

const HTTP_URL = /^https?:\/\/(?:[^@/?#]*@)?([^/?#:]+)(?::\d+)?([^?#]*)/i;

/**
 * A URL's host, year subdomains ("2026.jsconf.eu") and www. left out, and its path segments. Read with
 * one pattern: new URL() for every event of a large catalog was most of the grouping's time.
 */
export function urlParts(url: string | null): { host: string; path: string[] } | null {
  const match = url ? HTTP_URL.exec(url) : null;
  if (!match) return null;
  const labels = match[1]!.toLowerCase().split('.');
  while (labels.length > 2 && (labels[0] === 'www' || /^\d+$/.test(labels[0]!))) labels.shift();
  return { host: labels.join('.'), path: match[2]!.split('/').filter(Boolean) };
}

/**
 * A site as a series keeps it across editions: host and path, numbers (years, edition numbers) left
 * out of the path, so "/devops-fwdays-2024" and "/devops-fwdays-2025" agree.
 */
export function siteOf(url: string | null): string | null {
  const parts = urlParts(url);
  if (!parts) return null;
  const path = parts.path
    .map((segment) =>
      segment
        .toLowerCase()
        .replace(/\d+/g, '')
        .replace(/^[-_.]+|[-_.]+$/g, ''),
    )
    .filter(Boolean);
  return [parts.host, ...path].join('/');
}

/** Where it meets: the city, else the last part of the place text, or "online". */
export function placeKey(event: StoredEvent): string {
  if (event.online === true) return 'online';
  const where = event.location.city ?? event.location.text?.split(',').at(-1) ?? '';
  return foldText(where);
}

/**
 * Whose gathering it is besides its title: the organiser, else the source that lists it. A site's host
 * is not enough: many communities publish on one platform or one foundation's site.
 */
export function contextKey(event: StoredEvent): string {
  if (event.organizer) return `o:${foldText(event.organizer)}`;
  return `s:${[...event.sources].sort()[0] ?? ''}`;
}

/** The occurrences of one recurring series (RRULE), whatever an override calls itself. */
export function seriesKey(event: StoredEvent): string | null {
  return event.recurrenceId === null ? null : `series|${[...event.sources].sort()[0] ?? ''}|${event.uid}`;
}

/**
 * The key of a community's separately published events: the same title stem in the same context
 * (organiser or source). Two groups that share only a city, a site or a word differ in stem or context.
 */
export function communityKey(event: StoredEvent): string {
  const stem = foldText(titleStem(event.title));
  if (stem.length === 0) return `event|${event.uid}`;
  return `stem|${stem}|${contextKey(event)}`;
}

const EDITION_MARK = /(?:[,:|(@–—-]|\bin|\bat|\d)$/;

/**
 * A conference's name across its editions: the title without year or edition number, and without its
 * city or country where that only marks the edition ("PyCon DE 2026, Berlin", "NodeConf (Kilkenny)");
 * a city that is part of the brand stays ("DevOpsDays Chicago" is Chicago's own conference).
 */
export function conferenceName(event: StoredEvent): { key: string; name: string } {
  let title = event.title;
  for (const place of [event.location.city, event.location.country, 'online']) {
    if (!place) continue;
    const at = title.toLowerCase().lastIndexOf(place.toLowerCase());
    if (at <= 0) continue;
    const before = title.slice(0, at).trimEnd();
    if (EDITION_MARK.test(before.toLowerCase())) title = `${before} ${title.slice(at + place.length)}`;
  }
  const name = withoutNumbering(title.replace(/\s+(?:in|at)\s*$/i, '').replace(/\(\s*\)/g, ' '));
  return { key: foldText(name), name: name || event.title };
}
