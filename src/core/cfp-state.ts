import { valueMs } from './dates.ts';
import type { Cfp } from './event.ts';

const DAY_MS = 86_400_000;

/** When a call closes: a closing date stays open through that whole day (UTC), an instant is exact. */
export function cfpClosesMs(closes: string): number {
  return closes.length === 10 ? valueMs(closes) + DAY_MS : valueMs(closes);
}

/** A call with no closing date is taken as open; the sources that list one say when it ends. */
export function cfpIsOpen(cfp: Cfp | null, nowMs: number): boolean {
  return Boolean(cfp) && (!cfp!.closes || nowMs < cfpClosesMs(cfp!.closes));
}

/**
 * A call for papers in words, the same on the page, in the calendars and feeds and in the CLI:
 * "Call for papers closes 2026-12-10", "Call for papers closed 2026-11-25", or "Call for papers open".
 * Null when the event has no call.
 */
export function cfpText(cfp: Cfp | null, nowMs: number): string | null {
  if (!cfp) return null;
  if (!cfp.closes) return 'Call for papers open';
  const day = cfp.closes.slice(0, 10);
  return cfpIsOpen(cfp, nowMs) ? `Call for papers closes ${day}` : `Call for papers closed ${day}`;
}
