import JaroWinklerDistance from 'natural/lib/natural/distance/jaro-winkler_distance.js';
import type { EventRecord } from '../core/event.ts';
import type { DedupeCandidate, DedupeInput, DedupeMatcher } from '../core/event-store.ts';
import { foldText } from '../core/fold-text.ts';

/** Above this, two titles on the same day in the same place are the same event ("RustConf 2026" / "Rust Conf"). */
export const TITLE_SIMILARITY = 0.94;

function sameDay(record: DedupeInput, candidate: DedupeCandidate): boolean {
  if (!record.start || !candidate.start) return false;
  const a = record.start.slice(0, 10);
  const b = candidate.start.slice(0, 10);
  if (a === b) return true;
  // A timed listing and an all-day listing of one event can fall on neighbouring UTC dates.
  if (record.allDay === candidate.allDay) return false;
  return Math.abs(Date.parse(a) - Date.parse(b)) <= 86_400_000;
}

/** What the store keeps to compare places: the city when known, else the free-text location. */
export function placeKey(record: EventRecord): string | null {
  const text = record.location.city ?? record.location.text;
  const folded = text ? foldText(text) : '';
  return folded === '' ? null : folded;
}

/** "Berlin" and "c-base, Rungestraße 20, Berlin" are one place: all words of one stand in the other. */
function samePlace(record: DedupeInput, candidate: DedupeCandidate): boolean {
  if (record.online === true && candidate.online === true) return true;
  const mine = record.place;
  if (!mine || !candidate.place) return false;
  const a = new Set(mine.split(' '));
  const b = new Set(candidate.place.split(' '));
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  return [...small].every((word) => large.has(word));
}

/**
 * Same UID and start; else same canonical URL on the same day; else same day, same place and near-identical
 * titles. The record's URL and place keys are those the store keeps (see DedupeCandidate).
 */
export const matchDuplicate: DedupeMatcher = (record, candidates) => {
  if (candidates.length === 0) return null;
  for (const c of candidates) if (c.uid === record.uid && c.start === record.start) return c.eventId;
  const { urlKey } = record;
  if (urlKey) for (const c of candidates) if (c.urlKey === urlKey && sameDay(record, c)) return c.eventId;
  const title = foldText(record.title);
  if (title.length < 4) return null;
  let best: { id: string; score: number } | null = null;
  for (const c of candidates) {
    if (!sameDay(record, c) || !samePlace(record, c)) continue;
    const score = JaroWinklerDistance(title, foldText(c.title), {});
    if (score >= TITLE_SIMILARITY && (!best || score > best.score)) best = { id: c.eventId, score };
  }
  return best?.id ?? null;
};
