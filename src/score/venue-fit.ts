import type { EventKind } from '../core/event.ts';
import type { Goal } from '../core/profile.ts';

/** Which kinds of venue serve which goal. */
export const VENUE_FIT: Record<Goal, EventKind[]> = {
  learn: ['study-group', 'workshop', 'conference'],
  deepen: ['study-group', 'workshop'],
  'meet-peers': ['meetup', 'conference', 'study-group'],
  'give-back': ['volunteer'],
  'find-job': ['conference', 'meetup'],
  hire: ['conference', 'meetup'],
  'widen-reach': ['internal', 'meetup'],
};

const KIND_NAMES: Record<EventKind, string> = {
  conference: 'a conference',
  meetup: 'a meetup',
  'study-group': 'a study group',
  workshop: 'a workshop',
  volunteer: 'volunteering',
  internal: 'a cross-team event',
  other: 'this event',
};

const GOAL_NAMES: Record<Goal, string> = {
  learn: 'learn',
  deepen: 'deepen what you know',
  'meet-peers': 'meet peers',
  'give-back': 'give back',
  'find-job': 'find a job',
  hire: 'hire',
  'widen-reach': 'widen your reach inside your company',
};

export function venueFitText(kind: EventKind, goals: Goal[]): string | null {
  const goal = goals.find((g) => VENUE_FIT[g].includes(kind));
  return goal ? `${KIND_NAMES[kind]} fits your goal to ${GOAL_NAMES[goal]}` : null;
}
