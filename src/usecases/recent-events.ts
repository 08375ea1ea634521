import type { Clock } from '../core/clock.ts';
import type { EventStore } from '../core/event-store.ts';
import type { Feedback } from '../core/feedback.ts';
import type { PickEvent } from '../core/ranking.ts';
import type { User } from '../core/user.ts';
import { toPickEvent } from '../score/rank.ts';
import { userFeedbackKey } from './give-feedback.ts';

const DAY_MS = 86_400_000;
/** How far back the page offers to record who you met. */
export const RECENT_DAYS = 30;

/** A user's latest word on each event, read once for everything a page shows about it. */
export async function latestFeedback(store: EventStore, userId: string): Promise<Map<string, Feedback>> {
  const latest = new Map<string, Feedback>();
  for (const f of await store.listFeedback(userFeedbackKey(userId))) latest.set(f.eventId, f);
  return latest;
}

export interface RecentEvent {
  event: PickEvent;
  /** The user's `attended` feedback, once given. */
  attended: Feedback | null;
}

/**
 * Events of the last weeks the user was going to or was offered as picks: the moment to say
 * "attended, and met these people", which is when the maintenance gap learns something. Picks leave
 * the ranking once they start, so without this the Attended button would vanish just when it is due.
 */
export async function recentEvents(
  deps: { store: EventStore; clock: Clock },
  user: User,
  latest: ReadonlyMap<string, Feedback>,
  limit = 10,
): Promise<RecentEvent[]> {
  const nowMs = deps.clock.now();
  const ids = new Set<string>();
  for (const f of latest.values()) if (f.action === 'going' || f.action === 'attended') ids.add(f.eventId);
  for (const p of await deps.store.listPublications(user.id, 'picks'))
    if (p.withdrawnAt === null) ids.add(p.entry.eventId);
  const recent: RecentEvent[] = [];
  for (const event of await deps.store.getEvents([...ids])) {
    const id = event.id;
    if (!event.start || latest.get(id)?.action === 'not-interested') continue;
    const startMs = Date.parse(event.start.length === 10 ? `${event.start}T00:00:00Z` : event.start);
    if (startMs >= nowMs || startMs < nowMs - RECENT_DAYS * DAY_MS) continue;
    const word = latest.get(id);
    recent.push({ event: toPickEvent(event), attended: word?.action === 'attended' ? word : null });
  }
  return recent.sort((a, b) => (a.event.start! < b.event.start! ? 1 : -1)).slice(0, limit);
}
