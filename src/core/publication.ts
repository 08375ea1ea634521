/**
 * One entry of a published calendar or feed, in words a calendar app understands. Built from a pick
 * by the use case, rendered by the iCalendar and feed writers, remembered by the store.
 */
export interface CalendarEntry {
  /** Stable across requests and restarts: the calendar's name and the event's id. */
  uid: string;
  eventId: string;
  title: string;
  /** UTC instant or, for all-day entries, a date. */
  start: string;
  /** Exclusive end for all-day entries, as iCalendar has it. */
  end: string | null;
  allDay: boolean;
  location: string | null;
  url: string | null;
  /** Plain text: the reasons, the people to meet again, whom to tell. */
  description: string;
  categories: string[];
  status: 'confirmed' | 'cancelled';
  /** When the event itself last changed in its sources. */
  eventChangedAt: string;
}

export const CALENDARS = ['picks', 'give'] as const;
export type CalendarName = (typeof CALENDARS)[number];

export interface Publication {
  entry: CalendarEntry;
  /** Raised whenever what a calendar app schedules (time, place, title, status) changes. */
  sequence: number;
  /** When the entry first appeared. */
  publishedAt: string;
  lastModified: string;
  withdrawnAt: string | null;
}

/** A publication as the store keeps it, with the hashes that tell a change from the same entry again. */
export interface StoredPublication extends Publication {
  /** Hash of what a calendar app schedules: title, times, place, link, status. */
  coreHash: string;
  /** Hash of the whole entry, wording included. */
  fullHash: string;
}

/** The newest LAST-MODIFIED among publications (ISO strings compare in time order), or the fallback. */
export function latestChange(publications: Publication[], fallback: string): string {
  let latest = fallback;
  for (const p of publications) if (p.lastModified > latest) latest = p.lastModified;
  return latest;
}
