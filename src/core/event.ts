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
export const EventRecordSchema = z
  .object({
    uid: z.string().min(1).max(TEXT_LIMITS.url),
    recurrenceId: z.string().max(64).nullable(),
    title: z.string().min(1).max(TEXT_LIMITS.title),
    description: z.string().max(TEXT_LIMITS.description).nullable(),
    start: z.union([isoInstant, isoDate]).nullable(),
    end: z.union([isoInstant, isoDate]).nullable(),
    allDay: z.boolean(),
    timeZone: z.string().max(TEXT_LIMITS.short).nullable(),
    location: LocationSchema,
    online: OnlineSchema,
    url: z.string().max(TEXT_LIMITS.url).nullable(),
    kind: EventKindSchema,
    topics: z.array(z.string().max(TEXT_LIMITS.short)).max(50),
    cfp: CfpSchema.nullable(),
    organizer: z.string().max(TEXT_LIMITS.short).nullable(),
    status: z.enum(['confirmed', 'cancelled']),
  })
  .refine((r) => r.start === null || r.end === null || r.end >= r.start, {
    message: 'end is before start',
    path: ['end'],
  });
export type EventRecord = z.infer<typeof EventRecordSchema>;

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
