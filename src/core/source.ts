import { z } from 'zod';
import type { FailureKind } from './errors.ts';
import { EventKindSchema } from './event.ts';

export const SOURCE_FORMATS = ['ical', 'rss', 'jsonfeed', 'conference-list'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** One entry of a `--sources` file. */
export const SourceSpecSchema = z.object({
  location: z.string().min(1).max(2048),
  name: z.string().max(200).optional(),
  kind: EventKindSchema.optional(),
  topics: z.array(z.string().max(100)).max(20).optional(),
  refreshMinutes: z
    .number()
    .int()
    .min(5)
    .max(60 * 24 * 30)
    .optional(),
});
export type SourceSpec = z.infer<typeof SourceSpecSchema>;

/** `["a.ics", {...}]` or `{"sources": [...]}`; a bare string is a location. Errors name the entry and field. */
export const SourceListSchema = z.preprocess(
  (value) => (Array.isArray(value) ? { sources: value } : value),
  z.object({
    sources: z.array(
      z.preprocess((entry) => (typeof entry === 'string' ? { location: entry } : entry), SourceSpecSchema),
    ),
  }),
);

export type SourceStatus = 'ok' | 'unchanged' | 'error';

/** HTTP validators and schedule, kept per source (RFC 9110 conditional requests). */
export interface FetchState {
  etag: string | null;
  lastModified: string | null;
  nextCheckAt: string | null;
  failureCount: number;
  disabled: boolean;
}

export interface Source extends FetchState {
  id: string;
  location: string;
  name: string | null;
  format: SourceFormat | null;
  kind: z.infer<typeof EventKindSchema> | null;
  topics: string[];
  refreshMinutes: number;
  status: SourceStatus | 'new';
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lastErrorKind: FailureKind | null;
  lastErrorMessage: string | null;
  warnings: string[];
  eventCount: number;
}
