import { z } from 'zod';

export const FEEDBACK_ACTIONS = ['going', 'not-interested', 'attended'] as const;
export type FeedbackAction = (typeof FEEDBACK_ACTIONS)[number];

export const FeedbackInputSchema = z.object({
  eventId: z.string().min(1).max(64),
  action: z.enum(FEEDBACK_ACTIONS),
  met: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
  reason: z.string().max(1000).optional(),
});

/** What a user said about an event; the latest word on an event wins. */
export interface Feedback {
  userKey: string;
  eventId: string;
  /** The event's series (UID) and title, so similar events can be found after the event itself is gone. */
  uid: string;
  title: string;
  fields: string[];
  action: FeedbackAction;
  met: string[];
  reason: string | null;
  at: string;
}
