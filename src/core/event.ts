import { z } from 'zod';

export const EVENT_KINDS = [
  'conference',
  'meetup',
  'study-group',
  'workshop',
  'volunteer',
  'internal',
  'other',
] as const;
export const EventKindSchema = z.enum(EVENT_KINDS);
/** The order is stored: packed search snapshots keep a status as its index here. */
export const EVENT_STATUSES = ['confirmed', 'cancelled', 'withdrawn'] as const;
export type EventKind = z.infer<typeof EventKindSchema>;

export const OnlineSchema = z.union([z.boolean(), z.literal('hybrid')]);
export type Online = z.infer<typeof OnlineSchema>;

/** Caps keep one hostile record from filling a row (D1 allows 2 MB a row) or a page. */
export const TEXT_LIMITS = { title: 500, description: 20_000, location: 1_000, url: 2_048, short: 200 } as const;

const isoInstant = z.iso.datetime({ offset: false });
const isoDate = z.iso.date();

export const LocationSchema = z.object({
  text: z.string().max(TEXT_LIMITS.location).nullable(),
  city: z.string().max(TEXT_LIMITS.short).nullable(),
  country: z.string().max(TEXT_LIMITS.short).nullable(),
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
  /**
   * What was looked up rather than given by the source: `coordinates` of the city it named, or the whole
   * `place` (city, country, coordinates) read from its free text. Re-placing starts from what is left.
   */
  geocoded: z.enum(['coordinates', 'place']).optional(),
});
export type EventLocation = z.infer<typeof LocationSchema>;

export const CfpSchema = z.object({
  url: z.string().max(TEXT_LIMITS.url).nullable(),
  closes: z.union([isoDate, isoInstant]).nullable(),
});
export type Cfp = z.infer<typeof CfpSchema>;

/**
 * One occurrence as a source describes it, after normalisation. Timed events carry UTC instants;
 * all-day events carry dates (their meaning does not depend on a zone). An RSS item without any
 * findable event date keeps `start: null`: an undated opportunity, never dated by its publication.
 */
/** What differs between the occurrences of one series. */
export const EventTimingSchema = z.object({
  uid: z.string().min(1).max(TEXT_LIMITS.url),
  recurrenceId: z.string().max(64).nullable(),
  start: z.union([isoInstant, isoDate]).nullable(),
  end: z.union([isoInstant, isoDate]).nullable(),
  allDay: z.boolean(),
  timeZone: z.string().max(TEXT_LIMITS.short).nullable(),
  /** `withdrawn`: a feed item its source removed while it was still inside the feed's window (set by the store). */
  status: z.enum(EVENT_STATUSES),
  /** When a feed item was published: tells an item that left a rolling feed from one that was withdrawn. */
  published: isoInstant.nullable().optional(),
});

/** What the occurrences of one series share. */
export const EventTextSchema = z.object({
  title: z.string().min(1).max(TEXT_LIMITS.title),
  description: z.string().max(TEXT_LIMITS.description).nullable(),
  location: LocationSchema,
  online: OnlineSchema,
  url: z.string().max(TEXT_LIMITS.url).nullable(),
  kind: EventKindSchema,
  topics: z.array(z.string().max(TEXT_LIMITS.short)).max(50),
  cfp: CfpSchema.nullable(),
  organizer: z.string().max(TEXT_LIMITS.short).nullable(),
});

const endAfterStart = (r: { start: string | null; end: string | null }) =>
  r.start === null || r.end === null || r.end >= r.start;
const END_BEFORE_START = { message: 'end is before start', path: ['end'] };

export const EventTimingCheckedSchema = EventTimingSchema.refine(endAfterStart, END_BEFORE_START);

export const EventRecordSchema = z
  .object({ ...EventTimingSchema.shape, ...EventTextSchema.shape })
  .refine(endAfterStart, END_BEFORE_START);
export type EventRecord = z.infer<typeof EventRecordSchema>;
export type EventTiming = z.infer<typeof EventTimingSchema>;
export type EventText = z.infer<typeof EventTextSchema>;

export function eventTextOf(r: EventRecord): EventText {
  return {
    title: r.title,
    description: r.description,
    location: r.location,
    online: r.online,
    url: r.url,
    kind: r.kind,
    topics: r.topics,
    cfp: r.cfp,
    organizer: r.organizer,
  };
}

/**
 * Parsers hand the occurrences of a series the very same field values (strings, the location object,
 * the topics array), so a reference comparison tells shared text apart without serialising it.
 */
export function sameEventText(a: EventRecord, b: EventRecord): boolean {
  return (
    a.title === b.title &&
    a.description === b.description &&
    a.location === b.location &&
    a.online === b.online &&
    a.url === b.url &&
    a.kind === b.kind &&
    a.topics === b.topics &&
    a.cfp === b.cfp &&
    a.organizer === b.organizer
  );
}

/** What `convene events` and the API show: a de-duplicated event with every source that lists it. */
export interface StoredEvent extends EventRecord {
  id: string;
  /** Shortcuts to location.city and location.country, which tools filter on most. */
  city: string | null;
  country: string | null;
  sources: string[];
  firstSeen: string;
  lastChanged: string;
}
