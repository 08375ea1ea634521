import { z } from 'zod';

export const TIERS = ['close', 'regular', 'acquaintance'] as const;
export type Tier = (typeof TIERS)[number];

export const GOALS = ['learn', 'meet-peers', 'give-back', 'find-job', 'deepen', 'hire', 'widen-reach'] as const;
export type Goal = (typeof GOALS)[number];

const isoDay = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'expected a date (YYYY-MM-DD) or an ISO 8601 date-time',
});
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const term = z.string().trim().min(1).max(100);

export const ContactSchema = z.object({
  name: z.string().trim().min(1, 'a contact needs a name').max(200),
  email: z.string().trim().max(320).optional(),
  org: z.string().trim().max(200).optional(),
  title: z.string().trim().max(200).optional(),
  fields: z.array(term).max(50).default([]),
  communities: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  /** Depth of the relationship; sets how often it needs tending. Unknown depth is the shallowest. */
  tier: z.enum(TIERS).default('acquaintance'),
  /** When you last met or spoke; absent means unknown, which is not the same as long ago. */
  lastSeen: isoDay.optional(),
  channel: z.enum(['online', 'offline']).optional(),
  city: z.string().trim().max(200).optional(),
  notes: z.string().max(5000).optional(),
  url: z.string().max(2048).optional(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const InterestSchema = z.union([
  term.transform((t) => ({ term: t, weight: 1 })),
  z.object({ term, weight: z.number().min(0).max(5).default(1) }),
]);
export type Interest = z.infer<typeof InterestSchema>;

export const ProfileSchema = z.object({
  name: z.string().trim().max(200).optional(),
  interests: z.array(InterestSchema).min(1, 'name at least one interest'),
  expertise: z.array(term).max(50).default([]),
  goals: z.array(z.enum(GOALS)).default(['learn', 'meet-peers']),
  location: z
    .object({
      city: z.string().trim().max(200).optional(),
      country: z.string().trim().max(200).optional(),
      lat: z.number().min(-90).max(90).optional(),
      lon: z.number().min(-180).max(180).optional(),
      /** IANA zone the page shows times in (UTC when absent). */
      timeZone: z
        .string()
        .trim()
        .max(64)
        .refine(isTimeZone, { message: 'expected an IANA time zone such as Europe/Berlin' })
        .optional(),
    })
    .optional(),
  travel: z
    .object({ maxKm: z.number().min(0).max(20_000).default(50), online: z.boolean().default(true) })
    .default({ maxKm: 50, online: true }),
  cadence: z
    .object({
      perWeek: z.number().int().min(0).max(50).default(2),
      perMonth: z.number().int().min(0).max(200).default(5),
    })
    .default({ perWeek: 2, perMonth: 5 }),
  /** Days after which a relationship of each depth is overdue for contact. */
  maintenance: z
    .object({
      close: z.number().int().min(1).max(3650).default(30),
      regular: z.number().int().min(1).max(3650).default(90),
      acquaintance: z.number().int().min(1).max(3650).default(365),
    })
    .default({ close: 30, regular: 90, acquaintance: 365 }),
  contacts: z.array(ContactSchema).max(100_000).default([]),
  /** A vCard or JSON file of contacts, read relative to the profile file. */
  contactsFile: z.string().min(1).max(1000).optional(),
});
export type Profile = z.infer<typeof ProfileSchema>;
export type ProfileInput = z.input<typeof ProfileSchema>;

/** "contacts.0.tier: Invalid option: expected one of ..." for every problem, one a line. */
export function describeZodError(error: z.ZodError, limit = 5): string {
  return error.issues
    .slice(0, limit)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('\n');
}
