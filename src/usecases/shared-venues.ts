import type { EventCatalog } from '../score/catalog.ts';
import { buildVenueIndex, type VenueIndex } from '../score/venues/venue-index.ts';

const indexes = new WeakMap<EventCatalog, VenueIndex>();

/**
 * The venue grouping of a ranking catalog, built once per catalog: the catalog itself is shared per
 * store state and hour (see sharedCatalog), so every user's venues and venue feedback read one grouping.
 */
export function sharedVenueIndex(catalog: EventCatalog): VenueIndex {
  let index = indexes.get(catalog);
  if (!index) {
    index = buildVenueIndex(catalog);
    indexes.set(catalog, index);
  }
  return index;
}
