import type { Clock } from '../core/clock.ts';
import type { DerivedCacheStore } from '../core/derived-cache.ts';
import type { StoredEvent } from '../core/event.ts';
import { eventFields } from '../core/event-fields.ts';
import { cityAndCountry } from '../core/event-place.ts';
import type { EventStore } from '../core/event-store.ts';
import type { Geocoder } from '../core/geocoder.ts';
import { defaultLexicon, type Lexicon } from '../core/lexicon.ts';
import type { Contact, Profile } from '../core/profile.ts';
import { DEFAULT_WEIGHTS, type RankingWeights, type Recommendations } from '../core/ranking.ts';
import type { VenueFeedback } from '../core/venue.ts';
import { defaultWindow, inWindow, type TimeWindow } from '../core/window.ts';
import { computeGaps } from '../network/gaps/compute-gaps.ts';
import { prepareContacts } from '../network/prepare-contacts.ts';
import type { EventCatalog } from '../score/catalog.ts';
import { type RankInput, rankEvents } from '../score/rank.ts';
import { sharedCatalog } from './shared-catalog.ts';
import { sharedVenueIndex } from './shared-venues.ts';
import { venueSteer } from './venue-steer.ts';

export interface RecommendInput {
  profile: Profile;
  contacts: Contact[];
  /** Whose feedback applies (a profile file, later an API user). */
  userKey: string;
  fromMs?: number;
  toMs?: number;
  limit: number;
  weights?: RankingWeights;
}

export type RecommendDeps = {
  store: EventStore;
  clock: Clock;
  geocoder?: () => Promise<Geocoder>;
  /** Where a ranking catalog built by an earlier process is read from, and a new one kept. */
  derived?: DerivedCacheStore;
};

/** Everything a ranking of events or of venues reads, gathered once per request. */
export interface RankingInputs
  extends Pick<RankInput, 'nowMs' | 'profile' | 'catalog' | 'gaps' | 'contacts' | 'feedback' | 'lexicon'> {
  window: TimeWindow;
  venueFeedback: VenueFeedback[];
}

export async function rankingInputs(deps: RecommendDeps, input: RecommendInput): Promise<RankingInputs> {
  const nowMs = deps.clock.now();
  const lexicon = defaultLexicon();
  const fromMs = Math.max(input.fromMs ?? nowMs, nowMs);
  const toMs = input.toMs ?? defaultWindow(nowMs).toMs;
  // The gazetteer takes a while to load: only a profile without coordinates, or a catalog build, needs it.
  const geocoder = deps.geocoder && needsPlacing(input.profile) ? await deps.geocoder() : null;
  const warnings: string[] = [];
  const profile = geocoder ? placeProfile(input.profile, geocoder, warnings) : input.profile;
  // Shared by every ranking against this state of the store this hour; this one ranks only its window.
  const catalog = await sharedCatalog(deps.store, lexicon, deps.geocoder ?? null, { fromMs, toMs }, deps.derived);
  const numberOf = givingEvents(catalog, profile, lexicon, { fromMs, toMs });
  const events = [...numberOf.keys()];
  const feedback = await deps.store.listFeedback(input.userKey);
  // Contacts are merged and mapped once, for the gaps and for the share hints alike.
  const prepared = prepareContacts(input.contacts, lexicon, nowMs, warnings);
  // Events are mapped onto fields once, in the catalog, and the give-first gap reads them from there.
  const fieldsOf = (event: StoredEvent) => {
    const index = numberOf.get(event);
    return index === undefined ? eventFields(event, lexicon) : catalog.fieldsOf(index);
  };
  const gaps = computeGaps(
    { profile, contacts: input.contacts, events, nowMs, lexicon, fieldsOf },
    { contacts: prepared, warnings },
  );
  return {
    nowMs,
    window: { fromMs, toMs },
    profile,
    catalog,
    gaps,
    contacts: prepared,
    feedback,
    venueFeedback: await deps.store.listVenueFeedback(input.userKey),
    lexicon,
  };
}

/**
 * The window's events in a field of the profile's expertise, with their catalog numbers: the only ones
 * the give-first gap can list (it skips the rest), found per combination of fields rather than per event.
 */
function givingEvents(
  catalog: EventCatalog,
  profile: Profile,
  lexicon: Lexicon,
  window: TimeWindow,
): Map<StoredEvent, number> {
  const expertise = new Set(profile.expertise.map((e) => lexicon.fieldOf(e)));
  const { names, offsets, fields, ofEvent } = catalog.fieldSets;
  const giving = new Uint8Array(offsets.length);
  for (let set = 0; set + 1 < offsets.length; set++)
    for (let k = offsets[set]!; k < offsets[set + 1]! && !giving[set]; k++)
      if (expertise.has(names[fields[k]!]!)) giving[set] = 1;
  const numberOf = new Map<StoredEvent, number>();
  catalog.events.forEach((event, i) => {
    if (giving[ofEvent[i]!] && inWindow(window, catalog.rankableStartMs[i]!)) numberOf.set(event, i);
  });
  return numberOf;
}

/**
 * Ranked picks with reasons, the give-first list and the gap summary: `convene recommend` and the API
 * alike. `gathered` when the caller already gathered the inputs for the venues of the same request.
 */
export async function recommend(
  deps: RecommendDeps,
  input: RecommendInput,
  gathered?: RankingInputs,
): Promise<Recommendations> {
  const inputs = gathered ?? (await rankingInputs(deps, input));
  const { nowMs, window, catalog, venueFeedback } = inputs;
  const { followed, ...ranked } = rankEvents({
    ...inputs,
    weights: input.weights ?? DEFAULT_WEIGHTS,
    nowMs: window.fromMs,
    window,
    limit: input.limit,
    ...(venueFeedback.length > 0
      ? { venues: venueSteer(await sharedVenueIndex(deps.store, catalog), venueFeedback, window) }
      : {}),
  });
  return {
    generatedAt: new Date(nowMs).toISOString(),
    ...ranked,
    gaps: inputs.gaps,
    ...(followed.length > 0 ? { followed } : {}),
  };
}

/**
 * Distance needs coordinates on both sides: a profile with a city and no coordinates is looked up by
 * name. A country the gazetteer does not know ("Schweiz", "Bavaria") still places the city by name, and
 * says where; a city it cannot place at all is said, since distance then falls back to comparing names.
 */
function placeProfile(input: Profile, geocoder: Geocoder, warnings: string[]): Profile {
  const home = input.location;
  if (!home?.city || !needsPlacing(input)) return input;
  const found = geocoder.locate(home.city, home.country ?? null);
  if (!found) {
    const named = cityAndCountry({ city: home.city, country: home.country ?? null });
    warnings.push(
      `location: "${named}" is not a place the gazetteer knows; distance filtering falls back to comparing place names (add lat and lon to filter by distance)`,
    );
    return input;
  }
  if (home.country && !geocoder.knowsCountry(home.country))
    warnings.push(
      `location: "${home.country}" is not a country the gazetteer knows; "${home.city}" placed at its most populous namesake (${found.lat.toFixed(2)}, ${found.lon.toFixed(2)}): add lat and lon if that is not it`,
    );
  return { ...input, location: { ...home, ...found } };
}

function needsPlacing(profile: Profile): boolean {
  const home = profile.location;
  return Boolean(home?.city) && (home?.lat === undefined || home.lon === undefined);
}
