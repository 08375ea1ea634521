import type { EventLocation, EventRecord, Online } from '../core/event.ts';
import type { Geocoder } from '../core/geocoder.ts';
import { placeText } from './place-text.ts';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const countryNames = new Map<string, string>();

/** The English name of a region code, asked of Intl once per code (each ask costs a locale lookup). */
function countryName(code: string): string {
  let name = countryNames.get(code);
  if (name === undefined) {
    name = regionNames.of(code) ?? code;
    countryNames.set(code, name);
  }
  return name;
}

/** The place as its source gave it, before any lookup: what re-placing starts from. */
export function sourcePlace(location: EventLocation): EventLocation {
  if (location.geocoded === 'coordinates')
    return { text: location.text, city: location.city, country: location.country, lat: null, lon: null };
  if (location.geocoded === 'place') return { text: location.text, city: null, country: null, lat: null, lon: null };
  return location;
}

/**
 * Where an event is, looked up once so that ranking reads stored coordinates: from the source's city
 * and country, else from its free-text location ("Venue, Street 20, 10115 Berlin, Germany", "c-base
 * (Rungestraße 20, Berlin, de)", "Lisboa", a bare meeting address). Coordinates a source gave are kept.
 */
export function placeLocation(
  location: EventLocation,
  online: Online,
  geocoder: Geocoder,
): { location: EventLocation; online: Online } {
  const raw = sourcePlace(location);
  if ((raw.lat !== null && raw.lon !== null) || online === true) return { location: raw, online };
  const text = raw.city ? [raw.city, raw.country].filter(Boolean).join(', ') : raw.text;
  const placed = text ? placeText(text, geocoder) : null;
  if (!placed) return { location: raw, online };
  if (placed.kind === 'online') return { location: raw, online: online === 'hybrid' ? 'hybrid' : true };
  if (raw.city) {
    // The source named the city: only its coordinates are looked up.
    if (placed.kind !== 'city') return { location: raw, online };
    return { location: { ...raw, lat: placed.lat, lon: placed.lon, geocoded: 'coordinates' }, online };
  }
  const country = countryName(placed.country);
  if (placed.kind === 'country') return { location: { ...raw, country, geocoded: 'place' }, online };
  return {
    location: { ...raw, city: placed.city, country, lat: placed.lat, lon: placed.lon, geocoded: 'place' },
    online,
  };
}

/**
 * Places a source's records as they stream into the store. The occurrences of a series share one
 * location object, and keep sharing one placed copy (the store tells shared text apart by reference).
 */
export function placeRecords(records: Iterable<EventRecord>, geocoder: Geocoder): Iterable<EventRecord> {
  const placed = new WeakMap<EventLocation, Map<Online, { location: EventLocation; online: Online }>>();
  return {
    *[Symbol.iterator]() {
      for (const record of records) {
        let byOnline = placed.get(record.location);
        if (!byOnline) {
          byOnline = new Map();
          placed.set(record.location, byOnline);
        }
        let place = byOnline.get(record.online);
        if (!place) {
          place = placeLocation(record.location, record.online, geocoder);
          byOnline.set(record.online, place);
        }
        yield place.location === record.location && place.online === record.online
          ? record
          : { ...record, location: place.location, online: place.online };
      }
    },
  };
}
