import type { SourceFailure } from '../core/errors.ts';
import type { SourceSchedule } from '../core/event-store.ts';

const MINUTE = 60_000;
const MAX_BACKOFF_MS = 24 * 60 * MINUTE;

/** After success: the configured interval, or longer when the publisher asks for it (REFRESH-INTERVAL, max-age). */
export function afterSuccess(nowMs: number, refreshMinutes: number, publisherMinutes: number | null): SourceSchedule {
  const minutes = Math.max(refreshMinutes, publisherMinutes ?? 0);
  return { nextCheckAt: new Date(nowMs + minutes * MINUTE).toISOString(), failureCount: 0, disabled: false };
}

/** Exponential back-off from 15 minutes to a day; Retry-After wins when longer; 410 Gone stops polling. */
export function afterFailure(nowMs: number, previousFailures: number, failure: SourceFailure): SourceSchedule {
  const failureCount = previousFailures + 1;
  const backoff = Math.min(15 * MINUTE * 2 ** (failureCount - 1), MAX_BACKOFF_MS);
  const delay = Math.max(backoff, failure.retryAfterMs ?? 0);
  return { nextCheckAt: new Date(nowMs + delay).toISOString(), failureCount, disabled: failure.status === 410 };
}
