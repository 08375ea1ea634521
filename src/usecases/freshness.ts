import type { Clock } from '../core/clock.ts';
import type { EventStore } from '../core/event-store.ts';
import type { User } from '../core/user.ts';
import { wholeUnits } from '../core/window.ts';

/** "Upcoming" may be at most this stale: a ranking is redone in each new hour even if nothing changed. */
export const FRESHNESS_MS = 3_600_000;

export interface Freshness {
  /** Whose ranking it is (the user id): the owner of every cache entry under its keys. */
  owner: string;
  /** The user's ranking state: their profile, the store's events and feedback, the hour. */
  state: string;
  /** The state with what was asked of it (a kind of answer, a limit, a window): a cache key. */
  key(...options: readonly (string | number | undefined)[]): string;
}

/**
 * The one place that says what a user's ranked answers depend on: the user (and when their profile last
 * changed), the store's change stamp (every write to events, sources or feedback moves it) and the hour.
 */
export async function freshness(
  deps: { store: EventStore; clock: Clock },
  user: Pick<User, 'id' | 'updatedAt'>,
): Promise<Freshness> {
  const now = deps.clock.now();
  const hour = wholeUnits({ fromMs: now, toMs: now }, FRESHNESS_MS).fromMs;
  // JSON keeps the parts apart: joined with a separator, ('a', 'b') and ('a|b') would be one key, and
  // an undefined option the same as an empty one.
  const state = JSON.stringify([user.id, user.updatedAt, await deps.store.changeStamp(), hour]);
  return { owner: user.id, state, key: (...options) => `${state}${JSON.stringify(options)}` };
}
