import { describe, expect, it } from 'vitest';
import { failure } from '../../src/core/errors.ts';
import { retryDelay, transient } from '../../src/runtime/queue-retry.ts';

describe('which failed queue ingests are delivered again, and when', () => {
  it('retries the network, timeouts, server errors and 429; not a 404, 403 or a parse error', () => {
    expect(transient(failure('network', 'connection reset'))).toBe(true);
    expect(transient(failure('timeout', 'no headers in 10 s'))).toBe(true);
    expect(transient(failure('http', 'HTTP 503', { status: 503 }))).toBe(true);
    expect(transient(failure('http', 'HTTP 429', { status: 429 }))).toBe(true);
    expect(transient(failure('http', 'HTTP 404', { status: 404 }))).toBe(false);
    expect(transient(failure('http', 'HTTP 403', { status: 403 }))).toBe(false);
    expect(transient(failure('parse', 'not a calendar'))).toBe(false);
  });

  it("waits at least the configured delay, longer when the server's Retry-After asks, at most 12 hours", () => {
    expect(retryDelay(failure('http', 'HTTP 503', { status: 503 }), 60)).toBe(60);
    expect(retryDelay(failure('http', 'HTTP 429', { status: 429, retryAfterMs: 3_600_000 }), 60)).toBe(3600);
    expect(retryDelay(failure('http', 'HTTP 429', { status: 429, retryAfterMs: 86_400_000 }), 60)).toBe(43_200);
  });
});
