import type { EventKind, EventRecord } from '../core/event.ts';
import type { TimeWindow } from '../core/window.ts';

/**
 * What every format parser returns: records not yet validated, and what it had to repair or skip.
 * Records may be produced lazily (a large calendar streams series by series into the store); warnings
 * found while producing them are appended to `warnings` as iteration goes.
 */
export interface ParsedSource {
  records: Iterable<EventRecord>;
  warnings: string[];
  /** The publisher's own minimum refresh interval (REFRESH-INTERVAL, X-PUBLISHED-TTL, <ttl>). */
  refreshMinutes: number | null;
  title: string | null;
  /** The file was cut short: what it no longer lists may still exist, so nothing is cancelled for it. */
  truncated?: boolean;
}

export interface ParseOptions {
  window: TimeWindow;
  nowMs: number;
  /** The source's configured kind wins over inference. */
  kind: EventKind | null;
  topics: string[];
  /** Told the start of each dated single entry left out for lying outside the window (not series occurrences). */
  onOutsideWindow?: (startMs: number) => void;
}
