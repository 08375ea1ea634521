import type { Clock } from '../core/clock.ts';
import { valueMs } from '../core/dates.ts';
import { UnknownEventError } from '../core/errors.ts';
import { eventFields } from '../core/event-fields.ts';
import type { EventStore } from '../core/event-store.ts';
import type { Feedback, FeedbackAction } from '../core/feedback.ts';
import { defaultLexicon } from '../core/lexicon.ts';
import type { Contact } from '../core/profile.ts';
import type { User } from '../core/user.ts';

type FeedbackDeps = { store: EventStore; clock: Clock };

export interface FeedbackInput {
  /** Whose feedback it is: a profile file (`profile-…`) or a stored user (`user-…`). */
  userKey: string;
  eventId: string;
  action: FeedbackAction;
  met: string[];
  reason?: string;
}

/** Where a user's contacts live: a stored user's profile, or the profile file the CLI was given. */
export interface ContactBook {
  read(): Contact[];
  write(contacts: Contact[]): Promise<void> | void;
}

/** What attending changed in the contacts: who moved to the event's day, who is new, who was seen later. */
export interface Attendance {
  day: string;
  added: string[];
  kept: string[];
}

/** Attending is recorded once an event has begun; before that it can only be a mistaken id or date. */
export class NotYetHappenedError extends Error {}

export function userFeedbackKey(userId: string): string {
  return `user-${userId}`;
}

/** Stores what a user said about an event; `giveFeedback` also updates contacts for `attended`. */
export async function recordFeedback(deps: FeedbackDeps, input: FeedbackInput): Promise<Feedback> {
  const event = await deps.store.getEvent(input.eventId);
  if (!event)
    throw new UnknownEventError(`no event with id ${input.eventId} (see \`convene events --json\` or the picks)`);
  if (input.action === 'attended' && event.start && valueMs(event.start) > deps.clock.now())
    throw new NotYetHappenedError(
      `${event.title} starts ${event.start}: it has not happened yet, so it cannot be attended (say going instead)`,
    );
  const feedback: Feedback = {
    userKey: input.userKey,
    eventId: event.id,
    uid: event.uid,
    title: event.title,
    fields: [...eventFields(event, defaultLexicon())],
    action: input.action,
    met: input.met,
    // An empty reason says nothing: stored as no reason, as before the verbs shared this function.
    reason: input.reason || null,
    at: new Date(deps.clock.now()).toISOString(),
  };
  await deps.store.addFeedback(feedback);
  return feedback;
}

/**
 * Attending closes the loop personal CRMs miss: everyone met there was seen on the event's day,
 * through the event's channel; new names join as acquaintances. An older event recorded late moves
 * nothing: only a later meeting replaces a contact's last one (and its channel). `kept` names those.
 */
export function applyAttendance(
  contacts: Contact[],
  met: string[],
  day: string,
  online: boolean,
): { contacts: Contact[]; added: string[]; kept: string[] } {
  const updated = [...contacts];
  const added: string[] = [];
  const kept: string[] = [];
  for (const name of met) {
    const index = updated.findIndex((c) => c.name.trim().toLowerCase() === name.trim().toLowerCase());
    const seen = { lastSeen: day, channel: online ? ('online' as const) : ('offline' as const) };
    const known = index >= 0 ? updated[index]! : null;
    if (known?.lastSeen && known.lastSeen >= day) kept.push(known.name);
    else if (known) updated[index] = { ...known, ...seen };
    else {
      updated.push({ name, fields: [], communities: [], tier: 'acquaintance', ...seen });
      added.push(name);
    }
  }
  return { contacts: updated, added, kept };
}

/**
 * Feedback from the CLI, the API or a page: stored first, then, for `attended`, everyone met there is
 * marked as seen on the event's day through its channel, which moves the maintenance gap.
 */
export async function giveFeedbackTo(
  deps: FeedbackDeps,
  input: FeedbackInput,
  contacts: ContactBook,
): Promise<{ feedback: Feedback; attendance: Attendance | null }> {
  const feedback = await recordFeedback(deps, input);
  if (input.action !== 'attended' || input.met.length === 0) return { feedback, attendance: null };
  const event = await deps.store.getEvent(input.eventId);
  const day = (event?.start ?? new Date(deps.clock.now()).toISOString()).slice(0, 10);
  const result = applyAttendance(contacts.read(), input.met, day, event?.online === true);
  await contacts.write(result.contacts);
  return { feedback, attendance: { day, added: result.added, kept: result.kept } };
}

/** A stored user's feedback (the API or their page); their contacts are kept with their profile. */
export async function giveFeedback(
  deps: FeedbackDeps,
  user: User,
  input: Omit<FeedbackInput, 'userKey'>,
): Promise<Feedback> {
  const { feedback } = await giveFeedbackTo(
    deps,
    { ...input, userKey: userFeedbackKey(user.id) },
    {
      read: () => user.profile.contacts,
      write: async (contacts) => {
        await deps.store.replaceProfile(
          user.id,
          { ...user.profile, contacts },
          new Date(deps.clock.now()).toISOString(),
        );
      },
    },
  );
  return feedback;
}
