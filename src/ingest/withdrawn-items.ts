/**
 * Which feed items the source withdrew, as opposed to items that scrolled out of a rolling feed.
 * A feed only says what it lists now, so the rule is built to stay quiet whenever the change has an
 * innocent reading: a pinned or misdated item, a feed sorted by event date or by `updated`, a feed
 * that pages or trims.
 */

export interface ListedItem {
  id: string;
  /** Publication instant, or null when the item has none. */
  publishedMs: number | null;
  /** Start of the event the item announces, or null when undated. */
  startMs: number | null;
}

export interface WithdrawInput {
  /** Items the previous successful run listed. */
  previous: ListedItem[];
  /** Publication instants of the items this run lists, by id. */
  current: Map<string, number | null>;
  nowMs: number;
  window: { fromMs: number; toMs: number };
}

/** Dates this far below the median (in multiples of the spread above it) are outliers: pinned posts, 1970. */
const OUTLIER_SPREADS = 3;

/**
 * The oldest date of the items listed in both runs, outliers left out: a rolling feed drops its oldest
 * items, so only an item newer than this cannot have scrolled out. An empty overlap gives null.
 */
export function overlapFloor(overlapDates: number[]): number | null {
  if (overlapDates.length === 0) return null;
  const sorted = [...overlapDates].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  const spread = sorted[sorted.length - 1]! - median;
  const lowest = median - OUTLIER_SPREADS * spread;
  return sorted.find((d) => d >= lowest) ?? median;
}

export function withdrawnItems(input: WithdrawInput): string[] {
  const { previous, current } = input;
  // Fewer items than before is a feed paging or trimming, not a source taking items down.
  if (previous.length === 0 || current.size < previous.length) return [];
  const overlapDates: number[] = [];
  for (const item of previous) {
    const now = current.get(item.id);
    // The date listed now: an item republished or edited carries its new date.
    if (now !== undefined && now !== null) overlapDates.push(now);
  }
  const floor = overlapFloor(overlapDates);
  if (floor === null) return [];
  return previous
    .filter((item) => {
      if (current.has(item.id) || item.publishedMs === null) return false;
      if (item.startMs !== null) {
        // An event that took place leaves an "upcoming" feed; one dated outside the window is still
        // listed, the parser only left it out of this run.
        if (item.startMs < input.nowMs) return false;
        if (item.startMs < input.window.fromMs || item.startMs >= input.window.toMs) return false;
      }
      return item.publishedMs > floor;
    })
    .map((item) => item.id);
}
