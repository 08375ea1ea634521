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

/**
 * The window widened to whole units of `unitMs` counted from the epoch (UTC hours, days): the one bucket
 * by which cached derivations of time are shared (freshness's hour, the shared catalog's and search
 * index's days). A window within one unit, or an instant, widens to that unit.
 */
export function wholeUnits(window: TimeWindow, unitMs: number): TimeWindow {
  const fromMs = Math.floor(window.fromMs / unitMs) * unitMs;
  return { fromMs, toMs: Math.max(Math.ceil(window.toMs / unitMs) * unitMs, fromMs + unitMs) };
}
