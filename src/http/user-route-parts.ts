import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { parseDateOption } from '../core/dates.ts';
import type { User } from '../core/user.ts';
import { type Freshness, freshness } from '../usecases/freshness.ts';
import type { AppEnv } from './app-env.ts';
import { ProblemError } from './problem.ts';
import { refuseReversedWindow } from './reversed-window.ts';
import { jsonResponse, problemResponse } from './schemas.ts';
import { requireUserOrAdmin } from './user-auth.ts';

/** What every /v1/users/{id}/… route declares: the user id, bearer security and the answers to a wrong key or id. */
export const IdParam = z.object({
  id: z
    .string()
    .regex(/^u_[0-9a-f]{16}$/)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
export const security = [{ bearer: [] }];
export const denied = { 401: problemResponse('Missing or unknown API key'), 404: problemResponse('No such user') };

/**
 * A /v1/users/{id}/… route with what every one declares: bearer security, the user-or-admin check and
 * the answers to a wrong key or id (a route's own answer for a status wins).
 */
export function userRoute<const R extends Omit<RouteConfig, 'security' | 'middleware'>>(config: R) {
  return createRoute({
    ...config,
    security,
    middleware: [requireUserOrAdmin] as const,
    responses: { ...denied, ...config.responses },
  });
}

/**
 * A ranked list's query (picks, venues): the window and a page. The list is ranked as a whole (cadence,
 * diversity), then paged: page two is ranks 21–40 of 40.
 */
export function rankedPageQuery(defaultLimit: number) {
  return z.object({
    from: z.string().max(40).optional(),
    to: z.string().max(40).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(defaultLimit),
    offset: z.coerce.number().int().min(0).max(500).default(0),
  });
}

export function dateOrThrow(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  try {
    return parseDateOption(value, name);
  } catch {
    throw new ProblemError('validation_failed', 400, 'see errors', [
      { path: name, message: 'expected YYYY-MM-DD or an ISO 8601 instant' },
    ]);
  }
}

/**
 * A ranked page's window in ms and the freshness of the user's ranking (profile, stored data and
 * feedback, hour), whose key with the query names the cached answer.
 */
export async function rankedPageState(
  c: Context<AppEnv>,
  user: User,
  query: { from?: string | undefined; to?: string | undefined },
): Promise<{ fromMs: number | undefined; toMs: number | undefined; fresh: Freshness }> {
  const fromMs = dateOrThrow(query.from, 'from');
  const toMs = dateOrThrow(query.to, 'to');
  refuseReversedWindow(fromMs, toMs);
  return { fromMs, toMs, fresh: await freshness(c.get('deps'), user) };
}

/** A GET of something of the user's (profile, gaps), answered as JSON. */
export function userReadRoute<const P extends string, S extends z.ZodType>(
  path: P,
  summary: string,
  answer: { description: string; schema: S },
) {
  return userRoute({
    method: 'get',
    path,
    summary,
    request: { params: IdParam },
    responses: { 200: jsonResponse(answer.description, answer.schema) },
  });
}

/** A user's ranked list (picks, venues): its window and page in the query, its ETag, 304 and errors. */
export function rankedListRoute(
  path: string,
  summary: string,
  query: ReturnType<typeof rankedPageQuery>,
  answer: { description: string; schema: z.ZodType },
) {
  return userRoute({
    method: 'get',
    path,
    summary,
    request: { params: IdParam, query },
    responses: {
      200: jsonResponse(answer.description, answer.schema),
      304: { description: 'Not modified' },
      400: problemResponse('Invalid query'),
    },
  });
}
