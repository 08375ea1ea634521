import type { Online, StoredEvent } from '../../core/event.ts';
import { eventPlace } from '../../core/event-place.ts';
import type { Cadence, Venue } from '../../core/venue.ts';
import { inWindow, type TimeWindow } from '../../core/window.ts';
import type { EventCatalog } from '../catalog.ts';
import { toPickEvent } from '../rank.ts';
import { cadenceOf } from './cadence.ts';
import { buildVenueDirectory, type VenueDirectory, type VenueRecord } from './venue-directory.ts';

/** How many upcoming events a venue lists. */
export const NEXT_EVENTS = 3;

/**
 * The catalog's events grouped into venues, built once per catalog and shared by every user's venue
 * ranking: venue v's events are members[offsets[v]..offsets[v+1]), soonest first.
 */
export interface VenueIndex {
  catalog: EventCatalog;
  /** Per venue, what the whole store knows of it (key, name, kind, every date). */
  records: VenueRecord[];
  ids: string[];
  byId: Map<string, number>;
  offsets: Uint32Array;
  members: Int32Array;
  /** Per event, its venue. */
  venueOf: Int32Array;
}

/**
 * The catalog's events grouped by the store's venues: each event joins the venue the directory gives
 * it, so a venue's key and id are the same whatever window the catalog covers.
 */
export function buildVenueIndex(catalog: EventCatalog, directory: VenueDirectory): VenueIndex {
  const { events, byStart } = catalog;
  const missing = events.filter((e) => !directory.keyOf.has(e.id));
  // A catalog built from another store state than the directory: its unknown events are grouped alone.
  const extra = missing.length > 0 ? buildVenueDirectory(missing) : null;
  const venueOfKey = new Map<string, number>();
  const records: VenueRecord[] = [];
  const venueOf = new Int32Array(events.length).fill(-1);
  const counts: number[] = [];
  for (const i of byStart) {
    const event = events[i]!;
    const known = directory.keyOf.get(event.id);
    const key = known ?? extra!.keyOf.get(event.id)!;
    let v = venueOfKey.get(key);
    if (v === undefined) {
      v = records.length;
      venueOfKey.set(key, v);
      records.push((known === undefined ? extra! : directory).byKey.get(key)!);
      counts.push(0);
    }
    venueOf[i] = v;
    counts[v]!++;
  }
  const offsets = new Uint32Array(records.length + 1);
  for (let v = 0; v < records.length; v++) offsets[v + 1] = offsets[v]! + counts[v]!;
  const fill = offsets.slice(0, -1);
  const members = new Int32Array(offsets[records.length]!);
  for (const i of byStart) {
    const v = venueOf[i]!;
    members[fill[v]!++] = i;
  }
  const ids = records.map((r) => r.id);
  return { catalog, records, ids, byId: new Map(ids.map((id, v) => [id, v])), offsets, members, venueOf };
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

function channelOf(events: readonly StoredEvent[]): Online {
  if (events.every((e) => e.online === true)) return true;
  if (events.every((e) => e.online === false)) return false;
  return 'hybrid';
}

/** Venue v's rhythm from every date the store knows of it, past ones included. */
export function venueCadence(index: VenueIndex, v: number): Cadence {
  return cadenceOf(index.records[v]!.startsMs);
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
    name: index.records[v]!.name,
    kind: index.records[v]!.kind,
    cadence,
    place: inPerson ? eventPlace({ ...toPickEvent(inPerson), online: false }) : null,
    online: channelOf(events),
    url: first.url,
    sources: [...new Set(events.flatMap((e) => e.sources))].sort(),
    eventCount: upcoming.length,
    next: events.slice(0, NEXT_EVENTS).map(toPickEvent),
  };
}
