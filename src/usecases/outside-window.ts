import type { TimeWindow } from '../core/window.ts';

const DAY_MS = 86_400_000;

/**
 * Dated entries a source lists outside the ingest window, which are not stored: how many lie before and
 * after it, and the `--from` (their first day) and `--to` (the day after their last) that would include them.
 */
export interface OutsideWindow {
  before: number;
  after: number;
  from: string | null;
  to: string | null;
}

export function outsideWindowTally(window: TimeWindow) {
  let before = 0;
  let after = 0;
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  return {
    note(startMs: number): void {
      if (startMs < window.fromMs) {
        before++;
        earliest = Math.min(earliest, startMs);
      } else {
        after++;
        latest = Math.max(latest, startMs);
      }
    },
    result(): OutsideWindow | null {
      if (before + after === 0) return null;
      const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
      return {
        before,
        after,
        from: before > 0 ? day(earliest) : null,
        to: after > 0 ? day(Math.floor(latest / DAY_MS) * DAY_MS + DAY_MS) : null,
      };
    },
  };
}
