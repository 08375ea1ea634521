import type { StoredEvent } from './event.ts';
import type { PickEvent } from './ranking.ts';

const ONLINE_ONLY = /^online(\s*,\s*online)+$/i;

/**
 * Where a pick happens, in words, for the page and the calendars alike: the venue as its source wrote
 * it, else city and country; online events as "Online" unless the source says more; null when unknown.
 */
export function eventPlace(event: Pick<PickEvent, 'city' | 'country' | 'location' | 'online'>): string | null {
  // Some lists give "Online" as the city or country of an online event: it is no place.
  const named = cityAndCountry({ city: placeName(event.city), country: placeName(event.country) });
  // Events stored before lists' "Online, Online" was read as online only still carry it until re-ingested.
  const location = event.location && ONLINE_ONLY.test(event.location) ? 'Online' : event.location;
  if (event.online === true) return location && /online/i.test(location) ? location : 'Online';
  const venue = location ?? named;
  if (event.online === 'hybrid') return venue ? `${venue} and online` : 'In person and online';
  return venue || null;
}

function placeName(name: string | null): string | null {
  return name === 'Online' ? null : name;
}

/**
 * The place of a line of the public events listing: "online" for online-only events, else city and
 * country, else the source's own place text; hybrid events add "and online".
 */
export function listingPlace(event: Pick<StoredEvent, 'online' | 'location'>): string {
  if (event.online === true) return 'online';
  const place = cityAndCountry(event.location) || event.location.text || '';
  return event.online === 'hybrid' ? `${place} and online` : place;
}

/** Where a venue meets, in words, for the page and the venues table alike (the words of eventPlace). */
export function venuePlace(venue: { place: string | null; online: PickEvent['online'] }): string {
  return (
    eventPlace({ location: venue.place, city: null, country: null, online: venue.online }) ?? 'Place to be announced'
  );
}

/** "City, Country" as far as known, else the empty string: the terse place of one-line listings. */
export function cityAndCountry(place: { city: string | null; country: string | null }): string {
  return [place.city, place.country].filter(Boolean).join(', ');
}

/** The place of a CLI line: "online" for online-only events, else city and country (maybe empty). */
export function shortPlace(event: Pick<PickEvent, 'city' | 'country' | 'online'>): string {
  return event.online === true ? 'online' : cityAndCountry(event);
}
