import type { CalendarName } from '../core/publication.ts';
import type { CalendarHeader } from '../render/ical/write-calendar.ts';

/** Picks move when sources refresh (every few hours) or feedback arrives; calendar apps poll no faster. */
const REFRESH = 'PT3H';

/** What a calendar of picks calls itself, for the subscription and for `convene recommend --format ics` alike. */
export function calendarHeader(calendar: CalendarName, ownerName: string | null): CalendarHeader {
  const whose = ownerName ? ` for ${ownerName}` : '';
  return calendar === 'picks'
    ? {
        name: `Convene picks${whose}`,
        description: 'Events worth attending, with the reasons for each, from Convene.',
        refresh: REFRESH,
      }
    : {
        name: `Convene: give first${whose}`,
        description: 'Calls for papers closing, and volunteer and host roles that fit your expertise.',
        refresh: REFRESH,
      };
}

/** The title and description of the picks feeds (Atom, JSON Feed). */
export function feedHeading(ownerName: string | null): { title: string; description: string } {
  return {
    title: `Convene picks${ownerName ? ` for ${ownerName}` : ''}`,
    description: 'Events worth attending, with the reasons for each.',
  };
}
