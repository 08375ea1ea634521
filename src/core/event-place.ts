import type { PickEvent } from './ranking.ts';

/**
 * Where a pick happens, in words, for the page and the calendars alike: the venue as its source wrote
 * it, else city and country; online events as "Online" unless the source says more; null when unknown.
 */
export function eventPlace(event: PickEvent): string | null {
  const named = [event.city, event.country].filter((p) => p && p !== 'Online').join(', ');
  if (event.online === true) return event.location && /online/i.test(event.location) ? event.location : 'Online';
  const venue = event.location ?? named;
  if (event.online === 'hybrid') return venue ? `${venue} and online` : 'In person and online';
  return venue || null;
}
