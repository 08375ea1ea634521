import type { StoredEvent } from '../../core/event.ts';
import { foldText } from '../../core/fold-text.ts';

/**
 * Hosts where many unrelated communities publish: the host alone says nothing about which community an
 * event belongs to. On meetup.com the first path segment is the group itself.
 */
const SHARED_HOSTS = new Set([
  'meetup.com',
  'eventbrite.com',
  'eventbrite.de',
  'eventbrite.co.uk',
  'lu.ma',
  'luma.com',
  'ti.to',
  'tito.io',
  'sessionize.com',
  'papercall.io',
  'github.com',
  'gitlab.com',
  'linkedin.com',
  'facebook.com',
  'youtube.com',
  'zoom.us',
  'docs.google.com',
  'forms.gle',
  'bit.ly',
  'medium.com',
  'confs.tech',
]);
const GROUP_PATH_HOSTS = new Set(['meetup.com']);

/** Numbering that tells sessions or editions of one gathering apart, never the gathering itself. */
const NUMBERING = [
  /\b(?:session|week|chapter|part|episode|ep|meeting|edition|no|nr|vol|volume|round|day|lesson|module|unit|class|sprint|issue|meetup)\s*#?\s*\d+\b/gi,
  /#\s*\d+/g,
  /\b\d+(?:st|nd|rd|th)\b/gi,
  /\b(?:19|20)\d{2}\b/g,
  /\b\d+\b/g,
];
const SEPARATORS = /\s*(?::|\||–|—|\s-\s)\s*/;

function withoutNumbering(text: string): string {
  let out = text;
  for (const pattern of NUMBERING) out = out.replace(pattern, ' ');
  return out
    .replace(/[(){}[\]]\s*[)}\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s\-–—:,.|]+|[\s\-–—:,.|]+$/g, '');
}

/**
 * The part of a title that names the gathering: "Rust async reading group: chapter 3" and "Session 4 |
 * Rust async reading group" both give "Rust async reading group". The first part of two words or more
 * once numbering is gone; a one-word part ("Meetup: Rust in production") is too vague to name a community.
 */
export function titleStem(title: string): string {
  const parts = title.split(SEPARATORS).map(withoutNumbering);
  const named = parts.find((p) => p.split(' ').filter(Boolean).length >= 2) ?? parts.find((p) => p.length > 0);
  return named ?? '';
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

/** Where it meets: the city, else the last part of the place text, or "online". */
export function placeKey(event: StoredEvent): string {
  if (event.online === true) return 'online';
  const where = event.location.city ?? event.location.text?.split(',').at(-1) ?? '';
  return foldText(where);
}

/**
 * What ties separate events of one community together besides their title: the organiser, else the
 * site they link to (a session's page and the group's page differ in path, not in site; a shared
 * platform's host says nothing), else the source that lists them.
 */
function contextKey(event: StoredEvent): string {
  if (event.organizer) return `o:${foldText(event.organizer)}`;
  const url = urlParts(event.url);
  if (url && !SHARED_HOSTS.has(url.host)) return `u:${url.host}`;
  return `s:${event.sources[0] ?? ''}`;
}

/** A group page on a shared platform (meetup.com/rust-berlin/events/123): the group is the venue. */
function groupPathKey(event: StoredEvent): string | null {
  const url = urlParts(event.url);
  if (!url || !GROUP_PATH_HOSTS.has(url.host) || url.path.length === 0) return null;
  return `group|${url.host}/${url.path[0]!.toLowerCase()}`;
}

/**
 * The key of a community's events (a series, a group, the same title stem in the same context and
 * place). Two groups that share only a city or a word differ in stem or context, so stay apart.
 */
export function communityKey(event: StoredEvent): string {
  const group = groupPathKey(event);
  if (group) return group;
  const stem = foldText(titleStem(event.title));
  if (stem.length === 0) return `series|${event.uid}`;
  return `stem|${stem}|${contextKey(event)}|${placeKey(event)}`;
}

/**
 * A conference's keys across its editions: its name without year, edition number or city, and its
 * site's host (unless a shared platform). Either one shared makes two editions one series.
 */
export function conferenceKeys(event: StoredEvent): string[] {
  const city = event.location.city ? foldText(event.location.city) : null;
  const country = event.location.country ? foldText(event.location.country) : null;
  let name = ` ${foldText(withoutNumbering(event.title))} `;
  for (const place of [city, country, 'online']) if (place) name = name.replaceAll(` ${place} `, ' ');
  const keys: string[] = [];
  if (name.trim()) keys.push(`conference|${name.trim()}`);
  const url = urlParts(event.url);
  if (url && !SHARED_HOSTS.has(url.host)) keys.push(`conference-site|${url.host}`);
  return keys;
}

/**
 * A readable name from the venue's events: the whole title, numbering left out, when they all share it
 * ("Accessibility volunteers: audit a nonprofit website"); else the part that names the gathering
 * ("Rust async reading group" for its sessions' different titles).
 */
export function venueName(events: readonly StoredEvent[]): string {
  const first = events[0]!;
  const shared = events.every((e) => e.title === first.title);
  const name = shared || first.kind === 'conference' ? withoutNumbering(first.title) : titleStem(first.title);
  return name || first.title;
}
