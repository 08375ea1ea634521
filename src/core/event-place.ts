import type { PickEvent } from './ranking.ts';

/**
 * Where a pick happens, in words, for the page and the calendars alike: the venue as its source wrote
 * it, else city and country; online events as "Online" unless the source says more; null when unknown.
 */
export function eventPlace(event: PickEvent): string | null {
  const named = [event.city, event.country].filter((p) => p && p !== 'Online').join(', ');
  const location = event.location ? withoutRepeats(event.location) : null;
  if (event.online === true) return location && /online/i.test(location) ? location : 'Online';
  const venue = location ?? named;
  if (event.online === 'hybrid') return venue ? `${venue} and online` : 'In person and online';
  return venue || null;
}

/** Lists write "Online" as both city and country; "Online, Online" says it once. */
function withoutRepeats(place: string): string {
  const parts = place.split(/\s*,\s*/);
  return parts.filter((part, i) => i === 0 || part.toLowerCase() !== parts[i - 1]!.toLowerCase()).join(', ');
}
