import type { StoredEvent } from '../core/event.ts';
import { foldText } from '../core/fold-text.ts';
import type { Profile } from '../core/profile.ts';

/** Whether the user can get to an event: online, near (with km when coordinates say so), far, or unknown. */
export type Reach =
  | { kind: 'online' }
  | { kind: 'near'; km: number | null; place: string }
  | { kind: 'far'; km: number | null }
  | { kind: 'unknown' };

function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(a));
}

/** The profile's home city and country folded, once per profile rather than once per event. */
const foldedHomes = new WeakMap<NonNullable<Profile['location']>, { city: string; country: string | null }>();
function foldedHome(home: NonNullable<Profile['location']>) {
  let folded = foldedHomes.get(home);
  if (!folded) {
    folded = { city: ` ${foldText(home.city ?? '')} `, country: home.country ? foldText(home.country) : null };
    foldedHomes.set(home, folded);
  }
  return folded;
}

function inPerson(event: StoredEvent, profile: Profile): Reach {
  const home = profile.location;
  const { lat, lon, city, country, text } = event.location;
  if (home?.lat !== undefined && home.lon !== undefined && lat !== null && lon !== null) {
    const km = haversineKm(home.lat, home.lon, lat, lon);
    return km <= profile.travel.maxKm ? { kind: 'near', km, place: city ?? text ?? 'nearby' } : { kind: 'far', km };
  }
  if (!home?.city) return { kind: 'unknown' };
  const folded = foldedHome(home);
  // Feeds often give only "Venue, Street, Berlin": the home city among the location's words counts.
  const where = ` ${foldText([city, text].filter(Boolean).join(' '))} `;
  if (where.includes(folded.city)) return { kind: 'near', km: null, place: home.city };
  if (folded.country && country && folded.country !== foldText(country)) return { kind: 'far', km: null };
  if (city) return profile.travel.maxKm >= 300 ? { kind: 'unknown' } : { kind: 'far', km: null };
  return { kind: 'unknown' };
}

export function reachOf(event: StoredEvent, profile: Profile): Reach {
  if (event.online === true) return { kind: 'online' };
  const physical = inPerson(event, profile);
  // A hybrid event far away is still open to an online attendee.
  if (event.online === 'hybrid' && physical.kind !== 'near') return { kind: 'online' };
  return physical;
}
