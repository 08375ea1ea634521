import type { StoredEvent } from '../core/event.ts';
import type { EventStore } from '../core/event-store.ts';
import type { Geocoder } from '../core/geocoder.ts';
import type { Lexicon } from '../core/lexicon.ts';
import type { TimeWindow } from '../core/window.ts';
import { buildCatalog, type EventCatalog } from '../score/catalog.ts';
import { derivedFromStore, identityOf } from './store-derived.ts';

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

/**
 * The confirmed, dated events of a window as a ranking catalog, shared by every ranking against the same
 * state of the store within the same hour: at 100,000 events, listing and indexing take seconds, ranking
 * one profile milliseconds. A store change or a new hour builds a new one.
 */
export function sharedCatalog(
  store: EventStore,
  lexicon: Lexicon,
  geocoder: Geocoder | null,
  window: TimeWindow,
): Promise<EventCatalog> {
  const span = catalogWindow(window);
  return derivedFromStore(
    store,
    'ranking-catalog',
    `${span.fromMs}|${span.toMs}|${identityOf(lexicon)}|${identityOf(geocoder)}`,
    async () => {
      const stored = await store.listEvents({ ...span, includeUndated: false, includeCancelled: false });
      return buildCatalog(geocoder ? placeEvents(stored, geocoder) : stored, lexicon);
    },
  );
}
