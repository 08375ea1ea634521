import { z } from '@hono/zod-openapi';
import { EVENT_KINDS } from '../core/event.ts';
import type { Gaps } from '../core/gaps.ts';
import { TIERS } from '../core/profile.ts';
import { REASON_KINDS, type Recommendations } from '../core/ranking.ts';

/**
 * The picks answer as documented in the OpenAPI document: the JSON of `convene recommend --format json`
 * plus `next`. Strict objects, so the document lists every field a response carries
 * (test/http/picks-schema.test.ts checks real answers against the published document).
 */
export const ReasonSchema = z
  .strictObject({
    kind: z.enum(REASON_KINDS),
    text: z.string(),
    weight: z.number(),
    people: z.array(z.string()).optional().openapi({ description: 'maintenance: the people to meet again there' }),
    field: z.string().optional().openapi({ description: 'coverage-gap: the field this event brings contacts in' }),
  })
  .openapi('Reason');

export const PickEventSchema = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    start: z.string().nullable().openapi({ description: 'UTC instant, or a date for all-day events' }),
    end: z.string().nullable(),
    url: z.string().nullable(),
    city: z.string().nullable(),
    country: z.string().nullable(),
    location: z.string().nullable().openapi({ description: 'the venue as the source wrote it' }),
    online: z.union([z.boolean(), z.literal('hybrid')]),
    kind: z.enum(EVENT_KINDS),
    topics: z.array(z.string()),
    cfp: z.strictObject({ url: z.string().nullable(), closes: z.string().nullable() }).nullable(),
    sources: z.array(z.string()),
    lastChanged: z.string(),
  })
  .openapi('PickEvent');

export const ShareHintSchema = z.strictObject({
  name: z.string(),
  why: z.string(),
  email: z.string().optional(),
});

const PickSchema = z
  .strictObject({
    event: PickEventSchema,
    score: z.number().openapi({ description: 'the sum of the reasons’ weights' }),
    reasons: z.array(ReasonSchema),
    shareWith: z.array(ShareHintSchema),
  })
  .openapi('Pick');

const TierSchema = z.enum(TIERS);

export const GapsSchema = z
  .strictObject({
    generatedAt: z.string(),
    coverage: z.array(
      z.strictObject({
        field: z.string(),
        label: z.string(),
        weight: z.number(),
        contacts: z.number(),
        adjacentTo: z.string().nullable(),
        score: z.number(),
        text: z.string(),
      }),
    ),
    maintenance: z.strictObject({
      overdue: z.array(
        z.strictObject({
          name: z.string(),
          tier: TierSchema,
          lastSeen: z.string(),
          daysSince: z.number(),
          overdueDays: z.number(),
          fields: z.array(z.string()),
          communities: z.array(z.string()),
          priority: z.number(),
          text: z.string(),
        }),
      ),
      unknown: z.array(z.strictObject({ name: z.string(), tier: TierSchema })),
      text: z.string(),
    }),
    channel: z.strictObject({
      windowDays: z.number(),
      online: z.number(),
      offline: z.number(),
      needs: z.enum(['online', 'offline']).nullable(),
      text: z.string(),
    }),
    giveFirst: z.strictObject({
      fields: z.array(z.string()),
      opportunities: z.array(
        z.strictObject({
          field: z.string(),
          kind: z.enum(['cfp', 'volunteer', 'host', 'mentor', 'study-group']),
          eventId: z.string(),
          title: z.string(),
          url: z.string().nullable(),
          closes: z.string().nullable(),
          start: z.string().nullable(),
          text: z.string(),
        }),
      ),
      text: z.string(),
    }),
    warnings: z.array(z.string()),
  })
  .openapi('Gaps');

/** The fields every ranked list's answer (picks, venues) has around its items: when it was ranked, and its next page. */
export const RankedAtSchema = z
  .string()
  .openapi({ description: 'when this state of profile, events and feedback was ranked' });
export const NextPageSchema = z.string().nullable().openapi({ description: 'the next page, or null on the last' });

/** True when each type is assignable to the other: a documented shape and the type it documents agree. */
export type Agree<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const PicksSchema = z
  .strictObject({
    generatedAt: RankedAtSchema,
    picks: z.array(PickSchema),
    giveFirst: z.array(PickSchema),
    gaps: GapsSchema,
    followed: z
      .array(PickSchema)
      .optional()
      .openapi({ description: 'only when the user follows venues: their events that are not picks' }),
    next: NextPageSchema,
  })
  .openapi('Picks');

// The documented shape and the ranking's types must not drift apart: each is assignable to the other.
type Documented = Omit<z.infer<typeof PicksSchema>, 'next'>;
true satisfies Agree<Documented, Recommendations>;
true satisfies Agree<z.infer<typeof GapsSchema>, Gaps>;
