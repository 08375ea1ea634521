import { valueMs } from '../../core/dates.ts';
import { eventPlace } from '../../core/event-place.ts';
import type { PickEvent } from '../../core/ranking.ts';

const DAY_MS = 86_400_000;

/** "Thu 3 Dec" in `timeZone`, with the year when it is not `thisYear`. */
function dayText(ms: number, timeZone: string, thisYear: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(new Date(ms).getUTCFullYear() !== thisYear ? { year: 'numeric' } : {}),
  }).format(ms);
}

/** "Thu 3 Dec, 18:30–21:00" in the reader's zone; all-day events as dates, with their last day inclusive. */
export function whenText(event: PickEvent, timeZone: string, nowMs: number): string {
  if (!event.start) return 'date to be announced';
  const thisYear = new Date(nowMs).getUTCFullYear();
  if (event.start.length === 10) {
    const first = valueMs(event.start);
    const last = event.end ? valueMs(event.end) - DAY_MS : first;
    const dayFormat = (ms: number) => dayText(ms, 'UTC', thisYear);
    return last > first ? `${dayFormat(first)} – ${dayFormat(last)}` : dayFormat(first);
  }
  const start = Date.parse(event.start);
  const day = dayText(start, timeZone, thisYear);
  const time = (ms: number) =>
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(ms);
  const end = event.end ? Date.parse(event.end) : null;
  const sameDay = end !== null && end > start && end - start < DAY_MS;
  return `${day}, ${time(start)}${sameDay ? `–${time(end)}` : ''}${timeZone === 'UTC' ? ' UTC' : ''}`;
}

export function placeText(event: PickEvent): string {
  return eventPlace(event) ?? 'Place to be announced';
}

export function weekTitle(monday: string, nowMs: number, timeZone: string): string {
  const thisMonday = (() => {
    const today = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(nowMs);
    const date = new Date(valueMs(today));
    return new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
  })();
  if (monday === thisMonday) return 'This week';
  const next = new Date(valueMs(thisMonday) + 7 * DAY_MS).toISOString().slice(0, 10);
  if (monday === next) return 'Next week';
  const ms = valueMs(monday);
  return `Week of ${new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    ...(new Date(ms).getUTCFullYear() !== new Date(nowMs).getUTCFullYear() ? { year: 'numeric' } : {}),
  }).format(ms)}`;
}
