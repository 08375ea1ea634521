import { VERSION } from '../core/config.ts';
import type { DerivedCacheStore } from '../core/derived-cache.ts';
import type { StoredEvent } from '../core/event.ts';
import type { EventStore } from '../core/event-store.ts';
import type { Geocoder } from '../core/geocoder.ts';
import type { Lexicon } from '../core/lexicon.ts';
import { type TimeWindow, wholeUnits } from '../core/window.ts';
import { catalogFromParts, catalogParts, type EventCatalog } from '../score/catalog.ts';
import { type CatalogSnapshot, decodeCatalogSnapshot, encodeCatalogSnapshot } from '../score/catalog-snapshot.ts';
import { learnTopicState, type TopicModel, type TopicModelState, topicModelFrom } from '../score/topic-model.ts';
import { lexiconFingerprint } from './lexicon-fingerprint.ts';
import { persistedDerived, readPersisted } from './persisted-derived.ts';
import { derivedFromStore, holdsDerived, identityOf, keepDerived } from './store-derived.ts';

const DAY_MS = 86_400_000;
/** Where the ranking catalog is kept in the derived cache (one entry: the latest window built). */
export const CATALOG_SLOT = 'ranking-catalog';
/** Bumped whenever what a persisted catalog holds, or how it is worked out, changes. */
const CATALOG_FORMAT = 4;

/**
 * The catalog's own window: the asked one widened to the start and the end of its days (UTC).
 * Requests within the same day then share one catalog, so a new hour costs no build (it did when the
 * window began at the hour); each still ranks only its exact window.
 */
export function catalogWindow(window: TimeWindow): TimeWindow {
  return wholeUnits(window, DAY_MS);
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
 * state of the store within the same day: at 100,000 events, listing and indexing take seconds, ranking
 * one profile milliseconds. A store change or a new day builds a new one, or reads the one an earlier
 * process built for the same state and window from `derived`. The gazetteer is loaded only to build.
 */
export function sharedCatalog(
  store: EventStore,
  lexicon: Lexicon,
  geocoder: (() => Promise<Geocoder>) | null,
  window: TimeWindow,
  derived?: DerivedCacheStore,
): Promise<EventCatalog> {
  const span = catalogWindow(window);
  const { key, variant } = catalogNames(lexicon, geocoder, span);
  return derivedFromStore(store, HELD_SLOT, key, async () => {
    const snapshot = await persistedDerived({ store, derived }, CATALOG_SLOT, variant, SNAPSHOT_CODEC, () =>
      catalogSnapshot(store, lexicon, geocoder, span),
    );
    return catalogOf(snapshot, lexicon);
  });
}

/**
 * For a server whose store another process changes (a cron `convene ingest`): once this process has
 * ranked, reads the catalog that process persisted for the new state as soon as it is there, so the
 * first request after the change does not wait for 14 MB to be read and decoded (a third of a second
 * at 25,000 events). Never builds: until the entry is there it does nothing, and the ingest that
 * changed the events (or else the next request) builds it. True when one of the current state is held.
 */
export async function readCatalogAhead(
  store: EventStore,
  lexicon: Lexicon,
  geocoder: (() => Promise<Geocoder>) | null,
  window: TimeWindow,
  derived: DerivedCacheStore,
): Promise<boolean> {
  if (!holdsDerived(store, HELD_SLOT)) return false;
  // A catalog of the current state is left alone, whatever its window: a request asked for that one.
  const eventsStamp = await store.eventsStamp();
  if (holdsDerived(store, HELD_SLOT, eventsStamp)) return true;
  const { key, variant } = catalogNames(lexicon, geocoder, catalogWindow(window));
  const read = await readPersisted(derived, CATALOG_SLOT, variant, eventsStamp, SNAPSHOT_CODEC);
  if (!read) return false;
  keepDerived(store, HELD_SLOT, key, eventsStamp, catalogOf(read, lexicon));
  return true;
}

/** Where this process holds its catalog in memory (see derivedFromStore). */
const HELD_SLOT = 'ranking-catalog';
const SNAPSHOT_CODEC = { encode: encodeCatalogSnapshot, decode: decodeCatalogSnapshot };

/**
 * What names a catalog besides the store's state: `key` in this process's memory (the very lexicon and
 * gazetteer), `variant` in the derived cache (what they hold, the format and the version).
 */
function catalogNames(lexicon: Lexicon, geocoder: (() => Promise<Geocoder>) | null, span: TimeWindow) {
  return {
    key: `${span.fromMs}|${span.toMs}|${identityOf(lexicon)}|${identityOf(geocoder)}`,
    variant: `${CATALOG_FORMAT}|${VERSION}|${lexiconFingerprint(lexicon)}|${geocoder ? 'placed' : 'as-stored'}|${span.fromMs}|${span.toMs}`,
  };
}

/** The model is made from its state when first asked for a guess (see CatalogSnapshot.model). */
function catalogOf(snapshot: CatalogSnapshot, lexicon: Lexicon): EventCatalog {
  let model: TopicModel | undefined;
  const lazyModel: TopicModel = {
    examples: snapshot.modelExamples,
    guess: (event) => {
      model ??= topicModelFrom(snapshot.model, lexicon);
      return model.guess(event);
    },
  };
  return catalogFromParts(snapshot.events, snapshot.parts, lazyModel);
}

async function catalogSnapshot(
  store: EventStore,
  lexicon: Lexicon,
  geocoder: (() => Promise<Geocoder>) | null,
  span: TimeWindow,
): Promise<CatalogSnapshot> {
  const model = await sharedTopicState(store, lexicon);
  const stored = await store.listEvents({ ...span, includeUndated: false, includeCancelled: false });
  const events = geocoder ? placeEvents(stored, await geocoder()) : stored;
  return {
    events,
    parts: catalogParts(events, lexicon, topicModelFrom(model, lexicon)),
    model,
    modelExamples: model.examples,
  };
}

/** Every stored event, past ones included: the labelled history the topic model learns from. */
const ALL_TIME = { fromMs: -8.64e15, toMs: 8.64e15 };

/**
 * What the topic model learned from the store's labelled events (past ones too), once per state of the
 * store and shared by every ranking: a request never trains it.
 */
function sharedTopicState(store: EventStore, lexicon: Lexicon): Promise<TopicModelState> {
  return derivedFromStore(store, 'topic-model', String(identityOf(lexicon)), async () => {
    const stored = await store.listEvents({ ...ALL_TIME, includeUndated: true, includeCancelled: false });
    // One example per series: a weekly meetup's hundred occurrences are one labelled event, not a hundred.
    const bySeries = new Map<string, StoredEvent>();
    for (const event of stored) if (event.topics.length > 0) bySeries.set(event.uid, event);
    return learnTopicState(bySeries.values(), lexicon);
  });
}
