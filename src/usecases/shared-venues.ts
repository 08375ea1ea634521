import type { EventStore } from '../core/event-store.ts';
import type { EventCatalog } from '../score/catalog.ts';
import { buildVenueDirectory, type VenueDirectory } from '../score/venues/venue-directory.ts';
import { buildVenueIndex, type VenueIndex } from '../score/venues/venue-index.ts';
import { derivedFromStore } from './store-derived.ts';

/**
 * Every stored event, past ones included, grouped into venues once per store state: a venue's id,
 * name and rhythm come from all it is known for, so no request's window or --now changes them.
 */
export function sharedVenueDirectory(store: EventStore): Promise<VenueDirectory> {
  return derivedFromStore(store, 'venue-directory', '', async () =>
    buildVenueDirectory(
      await store.listEvents({
        fromMs: Number.MIN_SAFE_INTEGER,
        toMs: Number.MAX_SAFE_INTEGER,
        includeUndated: false,
        includeCancelled: false,
      }),
    ),
  );
}

const indexes = new WeakMap<EventCatalog, { directory: VenueDirectory; index: VenueIndex }>();

/**
 * The venue grouping of a ranking catalog, built once per catalog and directory: the catalog itself is
 * shared per store state and hour (see sharedCatalog), so every user's venues read one grouping.
 */
export async function sharedVenueIndex(store: EventStore, catalog: EventCatalog): Promise<VenueIndex> {
  const directory = await sharedVenueDirectory(store);
  const known = indexes.get(catalog);
  if (known?.directory === directory) return known.index;
  const index = buildVenueIndex(catalog, directory);
  indexes.set(catalog, { directory, index });
  return index;
}
