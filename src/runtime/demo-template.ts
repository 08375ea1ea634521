/**
 * The demo's conference list and study-group feed must still show upcoming events a year from now,
 * yet a calendar subscribed to them should not churn every day. So their dates are written as
 * editions that roll forward only once they are over, the way real series announce the next one:
 *
 *   {{annual 06-10~1 -100}}  the 10 June edition (over 1 day after it starts), minus 100 days
 *   {{monthly 05~12 +12}}    the edition anchored on the 5th of a month (over 12 days later), plus 12 days
 *   ... rfc822               the same date as an RSS pubDate
 *
 * Anchors are UTC dates; an edition is the earliest one not yet over at `nowMs`.
 */
const TOKEN = /\{\{(annual|monthly) (\d\d(?:-\d\d)?)~(\d+)(?: ([+-]\d+))?(?: (rfc822))?\}\}/g;
const DAY_MS = 86_400_000;

function utcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function edition(cycle: 'annual' | 'monthly', anchor: string, overAfterDays: number, nowMs: number): number {
  const today = utcDay(nowMs);
  const now = new Date(today);
  for (let step = -1; step < 26; step++) {
    const date =
      cycle === 'annual'
        ? Date.UTC(now.getUTCFullYear() + step, Number(anchor.slice(0, 2)) - 1, Number(anchor.slice(3, 5)))
        : Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + step, Number(anchor));
    if (date + overAfterDays * DAY_MS >= today) return date;
  }
  throw new Error(`demo template: no edition for ${cycle} ${anchor}`);
}

export function renderDemoTemplate(text: string, nowMs: number): string {
  return text.replace(
    TOKEN,
    (_match, cycle: 'annual' | 'monthly', anchor: string, over: string, offset?: string, format?: string) => {
      const ms = edition(cycle, anchor, Number(over), nowMs) + Number(offset ?? 0) * DAY_MS;
      return format === 'rfc822' ? new Date(ms + 9 * 3_600_000).toUTCString() : new Date(ms).toISOString().slice(0, 10);
    },
  );
}
