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
 * The cities in columns rather than one object each: 135,000 cities as objects cost about 40 MB of an
 * ingest's memory, and a lookup needs only a row's coordinates, country and population.
 */
class CityTable {
  private readonly lats: number[] = [];
  private readonly lons: number[] = [];
  private readonly populations: number[] = [];
  private readonly countries: string[] = [];
  /** One string per country code, not one per city. */
  private readonly codes = new Map<string, string>();

  add(city: Omit<GazetteerCity, 'name'>): number {
    let code = this.codes.get(city.country);
    if (code === undefined) {
      code = city.country;
      this.codes.set(code, code);
    }
    this.lats.push(city.lat);
    this.lons.push(city.lon);
    this.populations.push(city.population);
    this.countries.push(code);
    return this.countries.length - 1;
  }

  country(row: number): string {
    return this.countries[row]!;
  }

  population(row: number): number {
    return this.populations[row]!;
  }

  answer(row: number): CityAnswer {
    return {
      lat: this.lats[row]!,
      lon: this.lons[row]!,
      country: this.countries[row]!,
      population: this.populations[row]!,
    };
  }
}

/** A city's row, and the rows of its namesakes, by its folded name; most names are one city's, a bare row. */
function indexRow(byName: Map<string, number | number[]>, key: string, row: number): void {
  const rows = byName.get(key);
  if (rows === undefined) byName.set(key, row);
  else if (typeof rows === 'number') byName.set(key, [rows, row]);
  else rows.push(row);
}

/**
 * A geocoder built at its first city lookup: a calendar of online events, or one whose places all carry
 * coordinates, never pays for the 135,000 cities. Countries need no cities.
 */
export function geocoderOnFirstLookup(build: () => Geocoder): Geocoder {
  let built: Geocoder | null = null;
  // Let go once built: what it builds from (a file's bytes) need not stay with the process.
  let pending: (() => Geocoder) | null = build;
  return {
    locate(city, country) {
      if (!built) {
        built = pending!();
        pending = null;
      }
      return built.locate(city, country);
    },
    knowsCountry: (country) => countryCode(country) !== null,
  };
}

/**
 * An offline geocoder over GeoNames cities: a city name (folded, so "München" and "Munchen" meet) in
 * the named country, else anywhere; among namesakes the most populous wins, which is what a feed that
 * writes only "Paris" almost always means.
 */
export function createGazetteer(cities: Iterable<GazetteerCity>): Geocoder {
  const table = new CityTable();
  const byName = new Map<string, number | number[]>();
  for (const city of cities) indexRow(byName, foldText(city.name), table.add(city));
  for (const rows of byName.values()) if (typeof rows !== 'number') sortByPopulation(table, rows);
  return gazetteerOver((key, code) => {
    const found = byName.get(key);
    const rows = found === undefined ? [] : typeof found === 'number' ? [found] : found;
    const best = code ? rows.find((row) => table.country(row) === code) : rows[0];
    return best === undefined ? null : table.answer(best);
  });
}

/** The most populous namesake first; namesakes of equal population in the order the cities came in. */
function sortByPopulation(table: CityTable, rows: number[]): void {
  rows.sort((a, b) => table.population(b) - table.population(a) || a - b);
}

export type CityAnswer = NonNullable<ReturnType<Geocoder['locate']>>;

/**
 * A geocoder over a city finder: `find` gets the folded city name and the country's ISO code (null when
 * none was named or it is unknown) and answers the namesake in that country, else the most populous.
 */
export function gazetteerOver(find: (key: string, code: string | null) => CityAnswer | null): Geocoder {
  // A catalog names the same few hundred places over and over; folding each name once is what costs.
  const answers = new Map<string, ReturnType<Geocoder['locate']>>();
  return {
    locate(city, country) {
      const key = `${city}\u0000${country ?? ''}`;
      const known = answers.get(key);
      if (known !== undefined) return known;
      const answer = find(foldText(city), country ? countryCode(country) : null);
      if (answers.size > 100_000) answers.clear();
      answers.set(key, answer);
      return answer;
    },
    knowsCountry: (country) => countryCode(country) !== null,
  };
}
