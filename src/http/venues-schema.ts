import { z } from '@hono/zod-openapi';
import { EVENT_KINDS } from '../core/event.ts';
import type { VenueRecommendations } from '../core/venue.ts';
import {
  type Agree,
  NextPageSchema,
  PickEventSchema,
  RankedAtSchema,
  ReasonSchema,
  ShareHintSchema,
} from './picks-schema.ts';

/**
 * The venues answer as documented in the OpenAPI document: the JSON of `convene venues --format json`
 * plus `next`. Strict objects, as for picks (test/http/venues-schema.test.ts checks real answers
 * against the published document).
 */
const VenueSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    kind: z.enum(EVENT_KINDS.filter((kind) => kind !== 'other') as [Exclude<(typeof EVENT_KINDS)[number], 'other'>]),
    cadence: z.strictObject({
      every: z.enum(['week', 'month', 'year', 'irregular']),
      text: z.string().openapi({ description: 'the rhythm in words: "every two weeks", "monthly"' }),
    }),
    place: z.string().nullable().openapi({ description: 'where it meets in person, as its sources write it' }),
    online: z.union([z.boolean(), z.literal('hybrid')]),
    url: z.string().nullable(),
    sources: z.array(z.string()),
    eventCount: z.number().openapi({ description: 'its upcoming events in the window' }),
    next: z.array(PickEventSchema).openapi({ description: 'the next few, soonest first' }),
  })
  .openapi('Venue');

const VenueChoiceSchema = z
  .strictObject({
    venue: VenueSchema,
    score: z.number(),
    reasons: z.array(ReasonSchema),
    shareWith: z.array(ShareHintSchema),
  })
  .openapi('VenueChoice');

export const VenuesSchema = z
  .strictObject({
    generatedAt: RankedAtSchema,
    venues: z.array(VenueChoiceSchema),
    next: NextPageSchema,
  })
  .openapi('Venues');

// The documented shape and the ranking's types must not drift apart: each is assignable to the other.
type Documented = Omit<z.infer<typeof VenuesSchema>, 'next'>;
true satisfies Agree<Documented, VenueRecommendations>;
