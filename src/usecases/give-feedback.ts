import type { Clock } from '../core/clock.ts';
import type { EventStore } from '../core/event-store.ts';
import type { Feedback, FeedbackAction } from '../core/feedback.ts';
import type { User } from '../core/user.ts';
import { applyAttendance, recordFeedback } from './recommend.ts';

export function userFeedbackKey(userId: string): string {
  return `user-${userId}`;
}

/**
 * Feedback from a stored user (the API or their page): stored first, then, for `attended`, everyone met
 * there is marked as seen on the event's day through its channel, which moves the maintenance gap.
 */
export async function giveFeedback(
  deps: { store: EventStore; clock: Clock },
  user: User,
  input: { eventId: string; action: FeedbackAction; met: string[]; reason?: string },
): Promise<Feedback> {
  const stored = await recordFeedback(deps, {
    userKey: userFeedbackKey(user.id),
    eventId: input.eventId,
    action: input.action,
    met: input.met,
    ...(input.reason ? { reason: input.reason } : {}),
  });
  if (input.action === 'attended' && input.met.length > 0) {
    const event = await deps.store.getEvent(input.eventId);
    const day = (event?.start ?? new Date(deps.clock.now()).toISOString()).slice(0, 10);
    const { contacts } = applyAttendance(user.profile.contacts, input.met, day, event?.online === true);
    await deps.store.replaceProfile(user.id, { ...user.profile, contacts }, new Date(deps.clock.now()).toISOString());
  }
  return stored;
}
