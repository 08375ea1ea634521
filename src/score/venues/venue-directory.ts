import { valueMs } from '../../core/dates.ts';
import type { StoredEvent } from '../../core/event.ts';
import { stableId } from '../../core/stable-id.ts';
import type { VenueKind } from '../../core/venue.ts';
import {
  communityKey,
  conferenceName,
  contextKey,
  placeKey,
  seriesKey,
  siteOf,
  titleStem,
  withoutNumbering,
} from './venue-key.ts';

const DAY_MS = 86_400_000;
/** Two editions of one gathering in different cities are further apart than this; closer, they are two gatherings. */
const EDITION_SPACING_MS = 60 * DAY_MS;

/** One venue as the whole store knows it, past dates included: what no time window may change. */
export interface VenueRecord {
  key: string;
  id: string;
  name: string;
  kind: VenueKind;
  /** Every known date (event start, ms), oldest first, one per day. */
  startsMs: number[];
  /** A recurring series, or two dates or more: a one-off event is not a venue. */
  recurring: boolean;
}

/**
 * The store's events grouped into venues once per store state, so a venue's key, id, name and rhythm
 * come from all it is known for, never from which of its dates a request's window holds.
 */
export interface VenueDirectory {
  /** Per event id, its venue's key. */
  keyOf: Map<string, string>;
  byKey: Map<string, VenueRecord>;
  byId: Map<string, VenueRecord>;
}

export function venueIdOf(key: string): string {
  return `v_${stableId(key)}`;
}

/** A small union-find over string nodes. */
function unionFind() {
  const parent = new Map<string, string>();
  const find = (node: string): string => {
    let root = node;
    for (let up = parent.get(root); up !== undefined && up !== root; up = parent.get(root)) root = up;
    for (let n = node, up = parent.get(n); up !== undefined && up !== root; up = parent.get(n)) {
      parent.set(n, root);
      n = up;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  return { find, union };
}

/**
 * Conference editions by name; two names join only when their editions share a site, host and path
 * (a series that was renamed), and only a site no third name uses: a site many names link to is a
 * platform or an organiser's hub, not a series. The group is known by its earliest edition's name.
 */
function conferenceKeys(conferences: readonly StoredEvent[]): Map<StoredEvent, string> {
  const names = new Map<StoredEvent, string>();
  const namesAt = new Map<string, Set<string>>();
  for (const event of conferences) {
    const name = `conference|${conferenceName(event).key}`;
    names.set(event, name);
    const site = siteOf(event.url);
    if (site) namesAt.set(site, (namesAt.get(site) ?? new Set()).add(name));
  }
  const { find, union } = unionFind();
  for (const set of namesAt.values()) {
    if (set.size !== 2) continue;
    const [a, b] = [...set] as [string, string];
    union(a, b);
  }
  const label = new Map<string, string>();
  for (const event of conferences) {
    const name = names.get(event)!;
    const root = find(name);
    if (!label.has(root)) label.set(root, name);
  }
  return new Map(conferences.map((e) => [e, label.get(find(names.get(e)!))!]));
}

function mostCommon<T>(values: readonly T[]): { value: T; count: number } {
  const counts = new Map<T, number>();
  let best: { value: T; count: number } = { value: values[0]!, count: 0 };
  for (const value of values) {
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    if (count > best.count) best = { value, count };
  }
  return best;
}

/**
 * Where one key holds in-person dates in several cities within weeks of each other, they are several
 * gatherings (chapters of one brand, one listing's groups): each city is its own venue, the online dates
 * stay with the city that meets most. A community that alternates a city and online stays one.
 */
function splitByCity(
  events: readonly StoredEvent[],
  key: string,
  keys: Map<StoredEvent, string>,
  cityNames: Map<string, string>,
): void {
  const cities = events.map((e) => (e.online === true ? '' : placeKey(e)));
  const inPerson = cities.filter(Boolean);
  if (new Set(inPerson).size < 2) return;
  const dated = events
    .map((e, k) => ({ city: cities[k]!, ms: e.start ? valueMs(e.start) : Number.NaN }))
    .filter((d) => d.city && !Number.isNaN(d.ms))
    .sort((a, b) => a.ms - b.ms);
  const close = dated.some((d, k) =>
    dated.slice(k + 1).some((o) => o.ms - d.ms < EDITION_SPACING_MS && o.city !== d.city),
  );
  if (!close) return;
  const home = mostCommon(inPerson).value;
  events.forEach((e, k) => {
    const city = cities[k] || home;
    keys.set(e, `${key}|${city}`);
    if (cities[k])
      cityNames.set(`${key}|${city}`, e.location.city ?? e.location.text?.split(',').at(-1)?.trim() ?? city);
  });
}

/** The name its events mostly carry: the series' own title, not an override's; else the shared stem. */
function nameOf(events: readonly StoredEvent[], key: string, city: string | undefined): string {
  if (key.startsWith('conference|')) {
    // Newest first, so a renamed series that has held each name as often goes by its current one.
    const name = mostCommon(events.map((e) => conferenceName(e).name).reverse()).value;
    return city && !name.toLowerCase().includes(city.toLowerCase()) ? `${name} ${city}` : name;
  }
  const titles = mostCommon(events.map((e) => withoutNumbering(e.title) || e.title));
  if (key.startsWith('series|') || titles.count * 2 > events.length) return titles.value;
  return mostCommon(events.map((e) => titleStem(e.title) || e.title)).value;
}

/** A venue's kind is its events' usual kind; `other` says nothing about a gathering, so it gives way. */
function kindOf(events: readonly StoredEvent[]): VenueKind {
  const kinds = events.map((e) => e.kind).filter((k): k is VenueKind => k !== 'other');
  return kinds.length > 0 ? mostCommon(kinds).value : 'meetup';
}

function groupByKey(keys: ReadonlyMap<StoredEvent, string>): Map<string, StoredEvent[]> {
  const grouped = new Map<string, StoredEvent[]>();
  for (const [event, key] of keys) {
    const list = grouped.get(key);
    if (list) list.push(event);
    else grouped.set(key, [event]);
  }
  return grouped;
}

export function buildVenueDirectory(events: readonly StoredEvent[]): VenueDirectory {
  const keys = new Map<StoredEvent, string>();
  const conferences = events.filter((e) => e.kind === 'conference' && e.recurrenceId === null);
  for (const [event, key] of conferenceKeys(conferences)) keys.set(event, key);
  for (const event of events) if (!keys.has(event)) keys.set(event, seriesKey(event) ?? communityKey(event));
  const cityNames = new Map<string, string>();
  // Series keep together whatever their occurrences say; a named organiser's events may meet anywhere.
  for (const [key, list] of groupByKey(keys))
    if (!key.startsWith('series|') && (key.startsWith('conference|') || contextKey(list[0]!).startsWith('s:')))
      splitByCity(list, key, keys, cityNames);
  const keyOf = new Map<string, string>();
  for (const [event, key] of keys) keyOf.set(event.id, key);
  const records = new Map<string, VenueRecord>();
  for (const [key, list] of groupByKey(keys)) {
    const days = new Map<number, number>();
    for (const e of list) {
      if (!e.start || e.status !== 'confirmed') continue;
      const ms = valueMs(e.start);
      const day = Math.floor(ms / DAY_MS);
      if (!days.has(day)) days.set(day, ms);
    }
    const startsMs = [...days.values()].sort((a, b) => a - b);
    records.set(key, {
      key,
      id: venueIdOf(key),
      name: nameOf(list, key, cityNames.get(key)),
      kind: kindOf(list),
      startsMs,
      recurring: key.startsWith('series|') || startsMs.length >= 2,
    });
  }
  return { keyOf, byKey: records, byId: new Map([...records.values()].map((r) => [r.id, r])) };
}
