import type { EventKind, Online, StoredEvent } from '../../core/event.ts';
import { stableId } from '../../core/stable-id.ts';
import type { Cadence, Venue } from '../../core/venue.ts';
import { inWindow, type TimeWindow } from '../../core/window.ts';
import type { EventCatalog } from '../catalog.ts';
import { toPickEvent } from '../rank.ts';
import { cadenceOf } from './cadence.ts';
import { communityKey, conferenceKeys, venueName } from './venue-key.ts';

/** How many upcoming events a venue lists. */
export const NEXT_EVENTS = 3;

/**
 * The catalog's events grouped into venues, built once per catalog and shared by every user's venue
 * ranking: venue v's events are members[offsets[v]..offsets[v+1]), soonest first.
 */
export interface VenueIndex {
  catalog: EventCatalog;
  /** Per venue, the key it was grouped by; its id is derived from it, so it survives new ingests. */
  keys: string[];
  ids: string[];
  byId: Map<string, number>;
  offsets: Uint32Array;
  members: Int32Array;
  /** Per event, its venue. */
  venueOf: Int32Array;
}

/** A small union-find over conference keys: an edition sharing a name stem or a site with another joins it. */
function conferenceGroups(catalog: EventCatalog): Map<number, string> {
  const node = new Map<string, number>();
  const parent: number[] = [];
  const names: string[] = [];
  const find = (n: number): number => {
    let root = n;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[n] !== root) {
      const up = parent[n]!;
      parent[n] = root;
      n = up;
    }
    return root;
  };
  const nodeOf = (key: string) => {
    let n = node.get(key);
    if (n === undefined) {
      n = parent.length;
      parent.push(n);
      names.push(key);
      node.set(key, n);
    }
    return n;
  };
  const first = new Map<number, number>();
  catalog.events.forEach((event, i) => {
    if (event.kind !== 'conference') return;
    const keys = conferenceKeys(event).map(nodeOf);
    if (keys.length === 0) return;
    for (const other of keys.slice(1)) parent[find(other)] = find(keys[0]!);
    first.set(i, keys[0]!);
  });
  // One key names each group whichever edition was seen first: a name before a site (a series keeps its
  // name when it moves to a new site), the smallest of either.
  const rank = (key: string) => (key.startsWith('conference|') ? 0 : 1);
  const label = new Map<number, string>();
  names.forEach((name, n) => {
    const root = find(n);
    const known = label.get(root);
    if (known === undefined || rank(name) - rank(known) < 0 || (rank(name) === rank(known) && name < known))
      label.set(root, name);
  });
  const keyOf = new Map<number, string>();
  for (const [i, n] of first) keyOf.set(i, label.get(find(n))!);
  return keyOf;
}

export function buildVenueIndex(catalog: EventCatalog): VenueIndex {
  const { events, byStart } = catalog;
  const conferences = conferenceGroups(catalog);
  // A series' occurrences share one key, read from its first: an override's own title does not split it.
  const keyOfSeries = new Map<string, string>();
  const venueOfKey = new Map<string, number>();
  const keys: string[] = [];
  const venueOf = new Int32Array(events.length).fill(-1);
  const counts: number[] = [];
  for (const i of byStart) {
    const event = events[i]!;
    let key = conferences.get(i) ?? keyOfSeries.get(event.uid);
    if (key === undefined) {
      key = communityKey(event);
      keyOfSeries.set(event.uid, key);
    }
    let v = venueOfKey.get(key);
    if (v === undefined) {
      v = keys.length;
      venueOfKey.set(key, v);
      keys.push(key);
      counts.push(0);
    }
    venueOf[i] = v;
    counts[v]!++;
  }
  const offsets = new Uint32Array(keys.length + 1);
  for (let v = 0; v < keys.length; v++) offsets[v + 1] = offsets[v]! + counts[v]!;
  const fill = offsets.slice(0, -1);
  const members = new Int32Array(offsets[keys.length]!);
  for (const i of byStart) {
    const v = venueOf[i]!;
    members[fill[v]!++] = i;
  }
  const ids = keys.map((key) => `v_${stableId(key)}`);
  return { catalog, keys, ids, byId: new Map(ids.map((id, v) => [id, v])), offsets, members, venueOf };
}

/** All of venue v's events in the catalog, soonest first. */
export function membersOf(index: VenueIndex, v: number): Int32Array {
  return index.members.subarray(index.offsets[v]!, index.offsets[v + 1]!);
}

/** Venue v's events starting in the window, soonest first. */
export function venueEventsIn(index: VenueIndex, v: number, window: TimeWindow): number[] {
  const { rankableStartMs } = index.catalog;
  return Array.from(membersOf(index, v)).filter((i) => inWindow(window, rankableStartMs[i]!));
}

function mostCommonKind(events: readonly StoredEvent[]): EventKind {
  const counts = new Map<EventKind, number>();
  for (const { kind } of events) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

function channelOf(events: readonly StoredEvent[]): Online {
  if (events.every((e) => e.online === true)) return true;
  if (events.every((e) => e.online === false)) return false;
  return 'hybrid';
}

/** Venue v's rhythm from its events in the window (soonest first). */
export function venueCadence(index: VenueIndex, upcoming: readonly number[]): Cadence {
  return cadenceOf(upcoming.map((i) => index.catalog.rankableStartMs[i]!));
}

/**
 * Venue v as the API shows it, from its events in the window (`upcoming`, soonest first, not empty);
 * only the next few become pick events.
 */
export function describeVenue(index: VenueIndex, v: number, upcoming: readonly number[], cadence: Cadence): Venue {
  const events = upcoming.map((i) => index.catalog.events[i]!);
  const first = events[0]!;
  const inPerson = events.find((e) => e.online !== true);
  return {
    id: index.ids[v]!,
    name: venueName(events),
    kind: mostCommonKind(events),
    cadence,
    place: inPerson
      ? (inPerson.location.text ?? ([inPerson.city, inPerson.country].filter(Boolean).join(', ') || null))
      : null,
    online: channelOf(events),
    url: first.url,
    sources: [...new Set(events.flatMap((e) => e.sources))].sort(),
    eventCount: upcoming.length,
    next: events.slice(0, NEXT_EVENTS).map(toPickEvent),
  };
}
