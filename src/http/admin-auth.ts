import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import { bearerHash } from './bearer.ts';
import { constantTimeEqual } from './constant-time.ts';
import { ProblemError } from './problem.ts';
import { problemResponse } from './schemas.ts';

/** Bearer auth with the admin key; the key is never logged or echoed. */
export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const hash = await bearerHash(c);
  const expected = c.get('deps').adminKeyHash;
  if (!expected || !hash || !constantTimeEqual(hash, expected)) {
    c.header('www-authenticate', 'Bearer realm="convene"');
    throw new ProblemError('unauthorized', 401, 'send the admin key as "Authorization: Bearer <key>"');
  }
  await next();
};

/**
 * How an admin-only route is documented: the one `bearer` scheme that clients generated from the
 * document know (a second scheme would break them), marked by an extension and in words.
 */
const adminOnly = {
  security: [{ bearer: [] }],
  description: 'Only the admin key opens this route.',
  'x-admin-only': true,
};

/** A route only the admin key opens: documented as such, checked by requireAdmin, answering 401 to any other key. */
export function adminRoute<const R extends Omit<RouteConfig, 'security' | 'description' | 'middleware'>>(config: R) {
  return createRoute({
    ...config,
    ...adminOnly,
    middleware: [requireAdmin] as const,
    responses: { 401: problemResponse('Missing or wrong admin key'), ...config.responses },
  });
}
