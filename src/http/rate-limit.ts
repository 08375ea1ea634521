import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import { bearerHash } from './bearer.ts';
import { ProblemError } from './problem.ts';
import { requestHeader } from './request-header.ts';

export interface RateLimiter {
  /**
   * Counts one request for a key; returns the milliseconds to wait when the key is over its limit.
   * The Workers binding answers asynchronously (runtime/workers.ts); the in-memory one at once.
   */
  take(key: string, nowMs: number): number | null | Promise<number | null>;
}

/**
 * Fixed windows in memory: enough for one Node process. (On Workers the `[[ratelimits]]` binding stands
 * behind the same interface.) Old windows are dropped as the map is swept.
 */
export function memoryRateLimiter(limit: number, windowMs: number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key, nowMs) {
      if (windows.size > 50_000) for (const [k, w] of windows) if (nowMs - w.start >= windowMs) windows.delete(k);
      let window = windows.get(key);
      if (!window || nowMs - window.start >= windowMs) {
        window = { start: nowMs, count: 0 };
        windows.set(key, window);
      }
      window.count++;
      return window.count > limit ? window.start + windowMs - nowMs : null;
    },
  };
}

/** Per API key when one is sent (hashed so it never sits in memory in the clear), else per client address. */
export function rateLimit(limiter: RateLimiter): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const tokenHash = await bearerHash(c);
    const address =
      c.get('deps').clientAddress?.(c.req.raw, c.env) ?? requestHeader(c, 'cf-connecting-ip') ?? 'unknown';
    const key = tokenHash ? `key:${tokenHash}` : `ip:${address}`;
    const taken = limiter.take(key, c.get('deps').clock.now());
    // Awaited only when it is a promise: a warm request on Node pays no extra turn of the event loop.
    const waitMs = taken === null || typeof taken === 'number' ? taken : await taken;
    if (waitMs !== null) {
      c.header('retry-after', String(Math.max(1, Math.ceil(waitMs / 1000))));
      throw new ProblemError('rate_limited', 429, 'slow down; see Retry-After');
    }
    await next();
  };
}
