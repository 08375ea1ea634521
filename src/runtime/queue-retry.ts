import type { SourceFailure } from '../core/errors.ts';

/**
 * Worth another try: the network, a timeout, a server error or a 429. A 404 or 403 will answer the same
 * in a minute, so it is recorded once and waits for the next scheduled run and its back-off.
 */
export function transient(failure: SourceFailure): boolean {
  if (failure.kind === 'network' || failure.kind === 'timeout') return true;
  return failure.kind === 'http' && (failure.status === undefined || failure.status >= 500 || failure.status === 429);
}

/** Queues delay a message at most 12 hours; a server's Retry-After is honoured up to that. */
const MAX_RETRY_DELAY_SECONDS = 43_200;

export function retryDelay(failure: SourceFailure, floorSeconds: number): number {
  const asked = failure.retryAfterMs ? Math.ceil(failure.retryAfterMs / 1000) : 0;
  return Math.min(MAX_RETRY_DELAY_SECONDS, Math.max(floorSeconds, asked));
}
