import { valueMs } from '../core/dates.ts';
import type { StoredEvent } from '../core/event.ts';
import type { Profile } from '../core/profile.ts';
import type { Reason } from '../core/ranking.ts';

export interface Scored {
  event: StoredEvent;
  fields: Set<string>;
  /** The event's text folded and space-padded, for whole-name matches. */
  foldedText: string;
  reasons: Reason[];
  score: number;
  /** When the event starts and ends (an hour when the source gives no end), in ms. */
  span: [number, number];
  inPerson: boolean;
  pinned: boolean;
}

/** No kind of venue takes more than this share of the list while other kinds have candidates. */
const MAX_KIND_SHARE = 0.6;

function isoWeek(ms: number): string {
  const d = new Date(ms);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3);
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const week =
    1 +
    Math.round((d.getTime() - firstThursday.getTime()) / 604_800_000 - (((firstThursday.getUTCDay() + 6) % 7) - 3) / 7);
  return `${d.getUTCFullYear()}-W${week}`;
}

/** An event's time in ms; an event without an end is taken to last an hour. */
export function spanOf(event: StoredEvent): [number, number] {
  const start = valueMs(event.start!);
  const end = event.end ? valueMs(event.end) : start + 3_600_000;
  return [start, Math.max(end, start + 1)];
}

/**
 * Quality over quantity: best first, one occurrence per series, no two in-person picks at the same
 * time, at most `perWeek` picks in a week and `perMonth` in a month, and no kind of venue taking
 * over the list. Events the user is going to are kept first, whatever the budget.
 */
export function selectPicks(candidates: Scored[], profile: Profile, limit: number): Scored[] {
  const ordered = [...candidates].sort(
    (a, b) => Number(b.pinned) - Number(a.pinned) || b.score - a.score || a.span[0] - b.span[0],
  );
  const kindsAvailable = new Set(ordered.map((c) => c.event.kind)).size;
  const maxPerKind = kindsAvailable > 1 ? Math.max(1, Math.ceil(limit * MAX_KIND_SHARE)) : limit;
  const picks: Scored[] = [];
  const series = new Set<string>();
  const perWeek = new Map<string, number>();
  const perMonth = new Map<string, number>();
  const perKind = new Map<string, number>();
  for (const candidate of ordered) {
    if (picks.length >= limit) break;
    const { event } = candidate;
    if (series.has(event.uid)) continue;
    const [start, end] = candidate.span;
    const week = isoWeek(start);
    const month = event.start!.slice(0, 7);
    if (!candidate.pinned) {
      if ((perWeek.get(week) ?? 0) >= profile.cadence.perWeek) continue;
      if ((perMonth.get(month) ?? 0) >= profile.cadence.perMonth) continue;
      if ((perKind.get(event.kind) ?? 0) >= maxPerKind) continue;
      if (candidate.inPerson && picks.some((p) => p.inPerson && p.span[0] < end && start < p.span[1])) continue;
    }
    picks.push(candidate);
    series.add(event.uid);
    perWeek.set(week, (perWeek.get(week) ?? 0) + 1);
    perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
    perKind.set(event.kind, (perKind.get(event.kind) ?? 0) + 1);
  }
  return picks;
}
