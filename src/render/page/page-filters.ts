import { z } from 'zod';
import { valueMs } from '../../core/dates.ts';
import { EVENT_KINDS, type EventKind, type Online } from '../../core/event.ts';
import type { Pick } from '../../core/ranking.ts';
import type { VenueChoice } from '../../core/venue.ts';

/** The page's filters, from its query string; anything unknown falls back to "all". */
export const PageFiltersSchema = z.object({
  when: z.enum(['all', 'week', 'month']).catch('all').default('all'),
  where: z.enum(['any', 'in-person', 'online']).catch('any').default('any'),
  kind: z
    .enum(['any', ...EVENT_KINDS])
    .catch('any')
    .default('any'),
});
export type PageFilters = z.infer<typeof PageFiltersSchema>;

/** What a filter is when the query string says nothing: the one a link leaves out. */
const DEFAULTS: PageFilters = PageFiltersSchema.parse({});

/** Each filter's label and the words for its values, in the order the page offers them. */
export const FILTER_CHOICES: {
  [K in keyof PageFilters]: { label: string; options: Record<PageFilters[K], string> };
} = {
  when: { label: 'When', options: { all: 'Any time', week: 'This week', month: 'This month' } },
  where: { label: 'Where', options: { any: 'In person or online', 'in-person': 'In person', online: 'Online' } },
  kind: {
    label: 'Kind',
    options: { any: 'Any kind', ...Object.fromEntries(EVENT_KINDS.map((k) => [k, k])) } as Record<
      PageFilters['kind'],
      string
    >,
  },
};

export const FILTER_NAMES = Object.keys(FILTER_CHOICES) as (keyof PageFilters)[];

const DAY_MS = 86_400_000;

function startMs(pick: Pick): number {
  return valueMs(pick.event.start ?? '');
}

/** Whether something held online, in person or both (and of a kind) passes the channel and kind filters. */
function passes(item: { online: Online; kind: EventKind }, filters: PageFilters): boolean {
  if (filters.where === 'online' && item.online === false) return false;
  if (filters.where === 'in-person' && item.online === true) return false;
  return filters.kind === 'any' || item.kind === filters.kind;
}

export function filterPicks(picks: Pick[], filters: PageFilters, nowMs: number): Pick[] {
  const horizon =
    filters.when === 'week' ? nowMs + 7 * DAY_MS : filters.when === 'month' ? nowMs + 31 * DAY_MS : Infinity;
  return picks.filter((p) => startMs(p) <= horizon && passes(p.event, filters));
}

/** Venues by the same channel and kind filters; "when" is about dates, and a venue has many. */
export function filterVenues(venues: VenueChoice[], filters: PageFilters): VenueChoice[] {
  return venues.filter((v) => passes(v.venue, filters));
}

/** The query string that brings the same filters back (after a feedback post, in links). */
export function filterQuery(filters: PageFilters): string {
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) if (filters[name] !== DEFAULTS[name]) params.set(name, filters[name]);
  return params.toString();
}

export interface WeekGroup {
  /** Monday of the week, in the reader's zone, as YYYY-MM-DD. */
  monday: string;
  picks: { pick: Pick; rank: number }[];
}

function localDate(ms: number, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

/** Picks grouped by the week they fall in (weeks in date order, picks by start), keeping each pick's rank. */
export function groupByWeek(picks: Pick[], timeZone: string): WeekGroup[] {
  const groups = new Map<string, WeekGroup>();
  const ordered = picks
    .map((pick, index) => ({ pick, rank: index + 1 }))
    .sort((a, b) => startMs(a.pick) - startMs(b.pick));
  for (const item of ordered) {
    const ms = startMs(item.pick);
    const day = item.pick.event.start?.length === 10 ? item.pick.event.start : localDate(ms, timeZone);
    const date = new Date(valueMs(day));
    const monday = new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
    let group = groups.get(monday);
    if (!group) {
      group = { monday, picks: [] };
      groups.set(monday, group);
    }
    group.picks.push(item);
  }
  return [...groups.values()];
}
