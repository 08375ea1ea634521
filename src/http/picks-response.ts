import type { Context } from 'hono';
import type { User } from '../core/user.ts';
import { recommendForUser } from '../usecases/user-recommendations.ts';
import type { AppEnv } from './app-env.ts';
import { cachedJson, nextPage, rankedAt } from './cached-json.ts';
import { validationFailed } from './problem.ts';
import { rankedPageQuery, rankedPageState } from './user-route-parts.ts';

export const PicksQuery = rankedPageQuery(20);

/**
 * A user's picks as JSON (PicksSchema): `/v1/users/{id}/picks` and the served profile's `/v1/picks`
 * alike, `path` being the route's own for the `next` link. The hottest route (tools poll it) is
 * validated here with the documented schemas rather than by Hono's validator, which reads Content-Type
 * for every target, GET query included, and on Node makes the adapter build the request's Headers, a
 * sixth of a warm request.
 */
export async function picksResponse(c: Context<AppEnv>, user: User, path: string): Promise<Response> {
  const parsed = PicksQuery.safeParse(c.req.query());
  if (!parsed.success) throw validationFailed(parsed.error.issues);
  const query = parsed.data;
  const { fromMs, toMs, fresh } = await rankedPageState(c, user, query);
  const key = fresh.key('picks-json', path, query.limit, query.offset, fromMs, toMs);
  return cachedJson(c, { key, owner: fresh.owner }, async () => {
    const result = await recommendForUser(c.get('deps'), user, { limit: query.offset + query.limit, fromMs, toMs });
    // The shape of `convene recommend --format json`, plus `next`. generatedAt is when this state was
    // first ranked, whichever page or window asked, so the body and its ETag change only with the picks.
    const { generatedAt: rankedNow, picks: ranked, ...rest } = result;
    const generatedAt = rankedAt(c, fresh, 'picks', rankedNow);
    const page = { limit: query.limit, offset: query.offset, fromMs, toMs };
    const next = nextPage(path, page, ranked.length === query.offset + query.limit);
    const gaps = { ...rest.gaps, generatedAt };
    return JSON.stringify({ generatedAt, picks: ranked.slice(query.offset), ...rest, gaps, next });
  });
}
