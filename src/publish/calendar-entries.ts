import { cfpIsOpen, cfpText } from '../core/cfp-state.ts';
import { valueMs } from '../core/dates.ts';
import { eventPlace } from '../core/event-place.ts';
import type { CalendarEntry, CalendarName } from '../core/publication.ts';
import type { Pick, Recommendations } from '../core/ranking.ts';
import { webUrl } from '../core/web-url.ts';

const DAY_MS = 86_400_000;

function nextDay(date: string): string {
  return new Date(valueMs(date) + DAY_MS).toISOString().slice(0, 10);
}

/** What the calendars and feeds publish as picks: the picks, then the next dates of the venues the user follows. */
export function withFollowedDates(result: Recommendations): Recommendations {
  return result.followed?.length ? { ...result, picks: [...result.picks, ...result.followed] } : result;
}

function signed(weight: number): string {
  return `${weight >= 0 ? '+' : ''}${weight.toFixed(2)}`;
}

/**
 * The reasons in plain words, the call for papers as it stands at `nowMs`, the people to meet again
 * there and whom to tell: what the DESCRIPTION says.
 */
export function describePick(pick: Pick, nowMs: number): string {
  const lines = [`Why Convene picked this (score ${pick.score.toFixed(2)}):`];
  for (const reason of pick.reasons) lines.push(`- ${reason.text} (${signed(reason.weight)})`);
  const cfp = cfpText(pick.event.cfp, nowMs);
  if (cfp) lines.push('', cfp);
  const people = pick.reasons.flatMap((r) => r.people ?? []);
  if (people.length > 0) lines.push('', `Reconnect there with: ${people.join(', ')}`);
  if (pick.shareWith.length > 0)
    lines.push('', `Worth telling: ${pick.shareWith.map((s) => `${s.name} (${s.why})`).join('; ')}`);
  const url = webUrl(pick.event.url);
  if (url) lines.push('', `Event page: ${url}`);
  return lines.join('\n');
}

/** The picks calendar: each pick at its own time, all-day picks as dates with iCalendar's exclusive end. */
export function pickEntries(picks: Pick[], nowMs: number): CalendarEntry[] {
  const entries: CalendarEntry[] = [];
  for (const pick of picks) {
    const { event } = pick;
    if (!event.start) continue;
    const allDay = event.start.length === 10;
    entries.push({
      uid: `pick-${event.id}@convene`,
      eventId: event.id,
      title: event.title,
      start: event.start,
      end: event.end ?? (allDay ? nextDay(event.start) : null),
      allDay,
      location: eventPlace(event),
      url: webUrl(event.url),
      description: describePick(pick, nowMs),
      categories: event.topics,
      status: 'confirmed',
      eventChangedAt: event.lastChanged,
    });
  }
  return entries;
}

/**
 * The give-first calendar holds what has a deadline: a call for papers is a one-day entry on the day it
 * closes (so the main calendar is not drowned in deadlines); a volunteer or host role is the event itself.
 */
export function giveEntries(giveFirst: Pick[], nowMs: number): CalendarEntry[] {
  const entries: CalendarEntry[] = [];
  for (const pick of giveFirst) {
    const { event } = pick;
    const closes = event.cfp?.closes && cfpIsOpen(event.cfp, nowMs) ? event.cfp.closes.slice(0, 10) : null;
    if (closes) {
      entries.push({
        uid: `give-cfp-${event.id}@convene`,
        eventId: event.id,
        title: `Call for papers closes: ${event.title}`,
        start: closes,
        end: nextDay(closes),
        allDay: true,
        location: null,
        url: webUrl(event.cfp?.url) ?? webUrl(event.url),
        description: `${describePick(pick, nowMs)}\n\nThe event itself: ${[
          event.start ?? 'date to be announced',
          eventPlace(event),
        ]
          .filter(Boolean)
          .join(', ')}`,
        categories: event.topics,
        status: 'confirmed',
        eventChangedAt: event.lastChanged,
      });
    } else if (event.start) {
      const [entry] = pickEntries([pick], nowMs);
      if (entry) entries.push({ ...entry, uid: `give-${event.id}@convene` });
    }
  }
  return entries;
}

/** The entries of one of a user's calendars, from their recommendations. */
export function calendarEntries(result: Recommendations, calendar: CalendarName, nowMs: number): CalendarEntry[] {
  return calendar === 'picks' ? pickEntries(result.picks, nowMs) : giveEntries(result.giveFirst, nowMs);
}
