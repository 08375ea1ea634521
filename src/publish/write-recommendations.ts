import type { CalendarName, Publication } from '../core/publication.ts';
import type { Recommendations } from '../core/ranking.ts';
import { writeAtomFeed } from '../render/feeds/atom-feed.ts';
import { writeCalendar } from '../render/ical/write-calendar.ts';
import { calendarEntries, withFollowedDates } from './calendar-entries.ts';
import { calendarHeader } from './calendar-header.ts';
import { picksFeed } from './picks-feed.ts';

/**
 * One-off calendars and feeds of a recommendation (`convene recommend --format ics|atom`): the same
 * writers as the subscriptions, without their memory of earlier versions, so every entry is at
 * SEQUENCE 0 and dated by its event's last change.
 */
function firstPublication(result: Recommendations, calendar: CalendarName, nowMs: number): Publication[] {
  const entries = calendarEntries(withFollowedDates(result), calendar, nowMs);
  return entries.map((entry) => ({
    entry,
    sequence: 0,
    publishedAt: entry.eventChangedAt,
    lastModified: entry.eventChangedAt,
    withdrawnAt: null,
  }));
}

export function recommendationsAsCalendar(
  result: Recommendations,
  calendar: CalendarName,
  name: string | null,
  nowMs: number,
): string {
  return writeCalendar(calendarHeader(calendar, name), firstPublication(result, calendar, nowMs));
}

export function recommendationsAsAtom(
  result: Recommendations,
  owner: string,
  name: string | null,
  nowMs: number,
): string {
  const publications = firstPublication(result, 'picks', nowMs);
  return writeAtomFeed(
    picksFeed(result, publications, {
      owner,
      name,
      pageUrl: null,
      selfUrl: null,
      fallbackUpdated: publications.length > 0 ? '' : result.generatedAt,
    }),
  );
}
