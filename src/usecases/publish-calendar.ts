import { valueMs } from '../core/dates.ts';
import type { EventStore } from '../core/event-store.ts';
import type { CalendarEntry, CalendarName, Publication, StoredPublication } from '../core/publication.ts';
import type { Recommendations } from '../core/ranking.ts';
import { stableId } from '../core/stable-id.ts';
import type { User } from '../core/user.ts';
import { calendarEntries, withFollowedDates } from '../publish/calendar-entries.ts';
import { type UserRankingDeps, userRecommendations } from './user-recommendations.ts';

const DAY_MS = 86_400_000;
/** A withdrawn pick stays as CANCELLED this long, so every subscribed app has refreshed and removed it. */
export const KEEP_WITHDRAWN_MS = 30 * DAY_MS;
/** A pick that has happened leaves the ranking but stays in the calendar this long, as a record. */
export const KEEP_PAST_MS = 30 * DAY_MS;

function hashes(entry: CalendarEntry): { coreHash: string; fullHash: string } {
  const { title, start, end, allDay, location, url, status } = entry;
  return {
    coreHash: stableId(JSON.stringify([title, start, end, allDay, location, url, status])),
    fullHash: stableId(JSON.stringify({ ...entry, eventChangedAt: '' })),
  };
}

function endMs(entry: CalendarEntry): number {
  return valueMs(entry.end ?? entry.start);
}

/**
 * Reconciles what a calendar shows now with what it showed before: a new entry starts at SEQUENCE 0
 * stamped with its event's last change; a changed entry gets a new LAST-MODIFIED, and a new SEQUENCE
 * when its time, place, title or status changed (RFC 5545 3.8.7.4); an entry no longer picked is
 * published as CANCELLED for a while; one whose time has passed stays as it was, then goes. Nothing
 * is written when nothing changed, so a steady calendar costs one read.
 */
export async function publishCalendar(
  store: EventStore,
  userId: string,
  calendar: CalendarName,
  current: CalendarEntry[],
  nowMs: number,
): Promise<Publication[]> {
  const now = new Date(nowMs).toISOString();
  const previous = new Map((await store.listPublications(userId, calendar)).map((p) => [p.entry.uid, p]));
  const changed: StoredPublication[] = [];
  const removed: string[] = [];
  const shown: StoredPublication[] = [];

  for (const entry of current) {
    const { coreHash, fullHash } = hashes(entry);
    const before = previous.get(entry.uid);
    previous.delete(entry.uid);
    if (before && before.fullHash === fullHash && before.withdrawnAt === null) {
      shown.push(before);
      continue;
    }
    const publication: StoredPublication = before
      ? {
          entry,
          coreHash,
          fullHash,
          sequence: before.sequence + (before.coreHash !== coreHash || before.withdrawnAt !== null ? 1 : 0),
          // A change in the sources dates itself; a change in our own wording dates from when we saw it.
          lastModified: entry.eventChangedAt > before.lastModified ? entry.eventChangedAt : now,
          publishedAt: before.publishedAt,
          withdrawnAt: null,
        }
      : {
          entry,
          coreHash,
          fullHash,
          sequence: 0,
          // Dated, like its LAST-MODIFIED, by the event's last change (as `convene recommend` dates
          // it): published first at `now` would put publication after modification.
          publishedAt: earlier(now, entry.eventChangedAt),
          lastModified: entry.eventChangedAt,
          withdrawnAt: null,
        };
    changed.push(publication);
    shown.push(publication);
  }

  for (const before of previous.values()) {
    const over = endMs(before.entry) < nowMs;
    if (before.withdrawnAt !== null) {
      if (over || nowMs - Date.parse(before.withdrawnAt) > KEEP_WITHDRAWN_MS) removed.push(before.entry.uid);
      else shown.push(before);
    } else if (over) {
      if (nowMs - endMs(before.entry) > KEEP_PAST_MS) removed.push(before.entry.uid);
      else shown.push(before);
    } else {
      const entry: CalendarEntry = {
        ...before.entry,
        status: 'cancelled',
        description: `No longer among your picks.\n\n${before.entry.description}`,
      };
      const withdrawn = {
        ...before,
        ...hashes(entry),
        entry,
        sequence: before.sequence + 1,
        lastModified: now,
        withdrawnAt: now,
      };
      changed.push(withdrawn);
      shown.push(withdrawn);
    }
  }

  if (changed.length > 0 || removed.length > 0) await store.savePublications(userId, calendar, changed, removed);
  return shown
    .sort((a, b) => (a.entry.start < b.entry.start ? -1 : a.entry.start > b.entry.start ? 1 : 0))
    .map(({ coreHash: _core, fullHash: _full, ...publication }) => ({
      ...publication,
      // Entries stored before publication was dated so could still say they were published later.
      publishedAt: earlier(publication.publishedAt, publication.lastModified),
    }));
}

/** The earlier of two ISO instants (ISO strings compare in time order). */
function earlier(a: string, b: string): string {
  return a < b ? a : b;
}

/** Calendars and feeds carry more than the page's first screen; cadence keeps it to a few a week anyway. */
export const SUBSCRIPTION_LIMIT = 50;

/**
 * What a subscriber to one of a user's calendars (or the picks feed) is served: the user's picks (from
 * the cache per state), the followed venues' dates with them, reconciled with what was published before.
 */
export async function publishSubscription(
  deps: UserRankingDeps,
  user: User,
  calendar: CalendarName,
): Promise<{ result: Recommendations; publications: Publication[] }> {
  const result = await userRecommendations(deps, user, SUBSCRIPTION_LIMIT);
  const nowMs = deps.clock.now();
  const entries = calendarEntries(withFollowedDates(result), calendar, nowMs);
  return { result, publications: await publishCalendar(deps.store, user.id, calendar, entries, nowMs) };
}
