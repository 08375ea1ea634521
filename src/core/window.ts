/** The recurrence-expansion horizon: occurrences starting inside [from, to) are stored. */
export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

const DAY_MS = 86_400_000;

export function defaultWindow(nowMs: number): TimeWindow {
  return { fromMs: nowMs - DAY_MS, toMs: nowMs + 365 * DAY_MS };
}

export function inWindow(window: TimeWindow, ms: number): boolean {
  return ms >= window.fromMs && ms < window.toMs;
}

/** A window that ends before it starts, or where it starts, selects nothing: only a mistake asks for one. */
export function isReversedWindow(window: Partial<TimeWindow>): window is TimeWindow {
  return window.fromMs !== undefined && window.toMs !== undefined && window.toMs <= window.fromMs;
}
