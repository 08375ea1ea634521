import type { EventStore } from '../core/event-store.ts';
import type { Geocoder } from '../core/geocoder.ts';
import { placeLocation } from '../places/place-record.ts';

/**
 * Places every stored event again from what its source gave (after a gazetteer or place-reading change),
 * as ingest would now: answers how many distinct event texts changed place.
 */
export async function refreshPlaces(deps: { store: EventStore; geocoder: Geocoder }): Promise<{ changed: number }> {
  const changed = await deps.store.rewriteEventTexts((text) => {
    const placed = placeLocation(text.location, text.online, deps.geocoder);
    return { ...text, location: placed.location, online: placed.online };
  });
  return { changed };
}
