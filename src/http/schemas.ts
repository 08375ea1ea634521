import { z } from '@hono/zod-openapi';
import { EVENT_KINDS, EVENT_STATUSES } from '../core/event.ts';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** A required JSON request body. */
export const jsonBody = <S extends z.ZodType>(schema: S) => ({
  content: { 'application/json': { schema } },
  required: true,
});

export const jsonResponse = <S extends z.ZodType>(description: string, schema: S) => ({
  description,
  content: { 'application/json': { schema } },
});

const LocationSchema = z.object({
  text: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
});

export const EventSchema = z
  .object({
    id: z.string(),
    uid: z.string(),
    recurrenceId: z.string().nullable(),
    title: z.string(),
    description: z.string().nullable(),
    start: z
      .string()
      .nullable()
      .openapi({ description: 'UTC instant, or a date for all-day events; null when undated' }),
    end: z.string().nullable(),
    allDay: z.boolean(),
    timeZone: z.string().nullable(),
    location: LocationSchema,
    city: z.string().nullable(),
    country: z.string().nullable(),
    online: z.union([z.boolean(), z.literal('hybrid')]),
    url: z.string().nullable(),
    kind: z.enum(EVENT_KINDS),
    topics: z.array(z.string()),
    cfp: z.object({ url: z.string().nullable(), closes: z.string().nullable() }).nullable(),
    organizer: z.string().nullable(),
    status: z.enum(EVENT_STATUSES),
    sources: z.array(z.string()),
    firstSeen: z.string(),
    lastChanged: z.string(),
  })
  .openapi('Event');

export const SourceSchema = z
  .object({
    id: z.string(),
    location: z.string(),
    name: z.string().nullable(),
    format: z.string().nullable(),
    kind: z.string().nullable(),
    topics: z.array(z.string()),
    refreshMinutes: z.number(),
    status: z.string(),
    lastSuccessAt: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    lastErrorKind: z.string().nullable(),
    lastErrorMessage: z.string().nullable(),
    nextCheckAt: z.string().nullable(),
    failureCount: z.number(),
    disabled: z.boolean(),
    eventCount: z.number(),
    warnings: z.array(z.string()),
  })
  .openapi('Source');
