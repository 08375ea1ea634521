// English only: the full package carries a dozen locales and costs start-up time on every run.
import * as chrono from 'chrono-node/en';
import { isoInstantOrDate } from '../../core/dates.ts';

export interface FoundDate {
  start: string;
  end: string | null;
  allDay: boolean;
}

/** RSS event module (`ev:startdate`) values are ISO 8601, with or without a time. */
export function fromEventModule(start: unknown, end: unknown): FoundDate | null {
  const startText = typeof start === 'string' ? start.trim() : '';
  if (!startText) return null;
  const s = isoInstantOrDate(startText);
  if (!s) return null;
  const e = typeof end === 'string' ? isoInstantOrDate(end.trim()) : null;
  return { start: s.value, end: e && e.allDay === s.allDay && e.value >= s.value ? e.value : null, allDay: s.allDay };
}

/**
 * A date written in the item's own words ("Tuesday 14 January 2027, 19:00"). Strict parsing only:
 * "today" or "tomorrow" in a blog post are not event dates. Relative phrases resolve against the
 * publication date, since that is when the author wrote them.
 */
export function fromText(texts: (string | null)[], referenceMs: number): FoundDate | null {
  for (const text of texts) {
    if (!text) continue;
    const results = chrono.strict.parse(
      text.slice(0, 5000),
      { instant: new Date(referenceMs), timezone: 'UTC' },
      { forwardDate: true },
    );
    for (const result of results) {
      const start = result.start;
      if (!start.isCertain('day') && !start.isCertain('weekday')) continue;
      if (!start.isCertain('month') && !start.isCertain('weekday')) continue;
      const startDate = start.date();
      if (Number.isNaN(startDate.getTime())) continue;
      const allDay = !start.isCertain('hour');
      const format = (d: Date) => (allDay ? d.toISOString().slice(0, 10) : d.toISOString().replace('.000Z', 'Z'));
      const endDate = result.end?.date();
      const end =
        endDate && endDate >= startDate ? format(allDay ? new Date(endDate.getTime() + 86_400_000) : endDate) : null;
      return { start: format(startDate), end, allDay };
    }
  }
  return null;
}
