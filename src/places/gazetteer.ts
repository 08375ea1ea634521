import { foldText } from '../core/fold-text.ts';
import type { Geocoder } from '../core/geocoder.ts';
import { NATIVE_COUNTRY_NAMES } from './place-names.ts';

export interface GazetteerCity {
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  population: number;
  lat: number;
  lon: number;
}

/** Names feeds write for countries beyond their English short names (which Intl supplies). */
const COUNTRY_ALIASES: Record<string, string> = {
  usa: 'US',
  'united states of america': 'US',
  america: 'US',
  uk: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'great britain': 'GB',
  deutschland: 'DE',
  holland: 'NL',
  'the netherlands': 'NL',
  czechia: 'CZ',
  'south korea': 'KR',
  korea: 'KR',
  russia: 'RU',
  uae: 'AE',
};

let countryCodes: Map<string, string> | null = null;

/** Every region code Intl knows, by its folded English name, plus the aliases above. */
function countryNames(): Map<string, string> {
  if (countryCodes) return countryCodes;
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  countryCodes = new Map([...Object.entries(COUNTRY_ALIASES), ...Object.entries(NATIVE_COUNTRY_NAMES)]);
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      // Deprecated codes ("UK", "FX") share their successor's name: the canonical code is kept.
      if (name && name !== code && Intl.getCanonicalLocales(`und-${code}`)[0] === `und-${code}`)
        countryCodes.set(foldText(name), code);
    }
  }
  return countryCodes;
}

export function countryCode(text: string): string | null {
  const trimmed = text.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed) && knownCodes().has(trimmed.toUpperCase())) return trimmed.toUpperCase();
  return countryNames().get(foldText(trimmed)) ?? null;
}

let codes: Set<string> | null = null;
/** The region codes Intl names ("OR" and "XX" are not countries). */
function knownCodes(): Set<string> {
  codes ??= new Set(countryNames().values());
  return codes;
}

/**
 * An offline geocoder over GeoNames cities: a city name (folded, so "München" and "Munchen" meet) in
 * the named country, else anywhere; among namesakes the most populous wins, which is what a feed that
 * writes only "Paris" almost always means.
 */
export function createGazetteer(cities: Iterable<GazetteerCity>): Geocoder {
  const byName = new Map<string, GazetteerCity[]>();
  for (const city of cities) {
    const key = foldText(city.name);
    const list = byName.get(key);
    if (list) list.push(city);
    else byName.set(key, [city]);
  }
  for (const list of byName.values()) if (list.length > 1) list.sort((a, b) => b.population - a.population);
  // A catalog names the same few hundred places over and over; folding each name once is what costs.
  const answers = new Map<string, ReturnType<Geocoder['locate']>>();
  return {
    locate(city, country) {
      const key = `${city}\u0000${country ?? ''}`;
      const known = answers.get(key);
      if (known !== undefined) return known;
      const candidates = byName.get(foldText(city));
      const code = country ? countryCode(country) : null;
      const best = candidates ? (code ? candidates.find((c) => c.country === code) : candidates[0]) : undefined;
      const answer = best ? { lat: best.lat, lon: best.lon, country: best.country, population: best.population } : null;
      if (answers.size > 100_000) answers.clear();
      answers.set(key, answer);
      return answer;
    },
    knowsCountry: (country) => countryCode(country) !== null,
  };
}
