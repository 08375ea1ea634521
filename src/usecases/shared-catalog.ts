import type { StoredEvent } from '../core/event.ts';
import type { EventStore } from '../core/event-store.ts';
import type { Geocoder } from '../core/geocoder.ts';
import type { Lexicon } from '../core/lexicon.ts';
import type { TimeWindow } from '../core/window.ts';
import { buildCatalog, type EventCatalog } from '../score/catalog.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The catalog's own window: the asked one widened to the start of its hour and the end of its day.
 * Requests within the same hour then share one catalog; each still ranks only its exact window.
 */
export function catalogWindow(window: TimeWindow): TimeWindow {
  return {
    fromMs: Math.floor(window.fromMs / HOUR_MS) * HOUR_MS,
    toMs: Math.ceil(window.toMs / DAY_MS) * DAY_MS,
  };
}

/**
 * Feeds mostly give "Lisbon, Portugal" and no coordinates: such events are placed by name with the
 * gazetteer, where it knows the place; the rest keep the name-based reach.
 */
export function placeEvents(events: StoredEvent[], geocoder: Geocoder): StoredEvent[] {
  return events.map((event) => {
    const { city, country, lat } = event.location;
    if (lat !== null || !city || event.online === true) return event;
    const found = geocoder.locate(city, country);
    return found ? { ...event, location: { ...event.location, ...found } } : event;
  });
}

interface Entry {
  key: string;
  lexicon: Lexicon;
  geocoder: Geocoder | null;
  catalog: Promise<EventCatalog>;
}

const latest = new WeakMap<EventStore, Entry>();

/**
 * The confirmed, dated events of a window as a ranking catalog, shared by every ranking against the same
 * state of the store within the same hour: at 100,000 events, listing and indexing take seconds, ranking
 * one profile milliseconds. A store change (its change stamp) or a new hour builds a new one; one
 * catalog per store is kept.
 */
export async function sharedCatalog(
  store: EventStore,
  lexicon: Lexicon,
  geocoder: Geocoder | null,
  window: TimeWindow,
): Promise<EventCatalog> {
  const span = catalogWindow(window);
  const key = `${await store.changeStamp()}|${span.fromMs}|${span.toMs}`;
  const hit = latest.get(store);
  if (hit && hit.key === key && hit.lexicon === lexicon && hit.geocoder === geocoder) return hit.catalog;
  const catalog = store
    .listEvents({ ...span, includeUndated: false, includeCancelled: false })
    .then((stored) => buildCatalog(geocoder ? placeEvents(stored, geocoder) : stored, lexicon));
  latest.set(store, { key, lexicon, geocoder, catalog });
  // A failed build must not stay cached for the hour.
  catalog.catch(() => {
    if (latest.get(store)?.catalog === catalog) latest.delete(store);
  });
  return catalog;
}
