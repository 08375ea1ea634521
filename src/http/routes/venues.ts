import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { VENUE_ACTIONS } from '../../core/venue.ts';
import { userFeedbackKey } from '../../usecases/feedback.ts';
import { venuesForUser } from '../../usecases/user-recommendations.ts';
import { recordVenueFeedback, UnknownVenueError } from '../../usecases/venues.ts';
import type { AppEnv } from '../app-env.ts';
import { cachedJson, nextPage, rankedAt } from '../cached-json.ts';
import { ProblemError } from '../problem.ts';
import { jsonBody, jsonResponse, problemResponse } from '../schemas.ts';
import { IdParam, rankedListRoute, rankedPageQuery, rankedPageState, userRoute } from '../user-route-parts.ts';
import { VenuesSchema } from '../venues-schema.ts';

const VenueParams = IdParam.extend({
  venueId: z
    .string()
    .regex(/^v_[0-9a-f]{16}$/)
    .openapi({ param: { name: 'venueId', in: 'path' }, description: 'a venue id from GET /v1/users/{id}/venues' }),
});
const VenuesQuery = rankedPageQuery(10);

const list = rankedListRoute(
  '/v1/users/{id}/venues',
  'Ranked venues (communities, study groups, conference series, volunteering) with reasons: the JSON of `convene venues --format json`, plus `next`, the next page; ETag and 304',
  VenuesQuery,
  { description: 'Venues', schema: VenuesSchema },
);

const feedback = userRoute({
  method: 'post',
  path: '/v1/users/{id}/venues/{venueId}/feedback',
  summary:
    'follow a venue (its next event is picked, its dates go to the picks calendar) or dismiss it (not-interested)',
  request: {
    params: VenueParams,
    body: jsonBody(z.object({ action: z.enum(VENUE_ACTIONS) })),
  },
  responses: {
    201: jsonResponse('Stored', z.object({ action: z.string(), venueId: z.string(), name: z.string() })),
    400: problemResponse('Invalid body'),
    415: problemResponse('The body is not application/json'),
    404: problemResponse('No such user or venue'),
  },
});

export function registerVenues(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => {
    const query = c.req.valid('query');
    const user = c.get('user');
    const { fromMs, toMs, fresh } = await rankedPageState(c, user, query);
    const key = fresh.key('venues-json', query.limit, query.offset, fromMs, toMs);
    return (await cachedJson(c, { key, owner: fresh.owner }, async () => {
      const ranked = await venuesForUser(c.get('deps'), user, { limit: query.offset + query.limit, fromMs, toMs });
      const { venues } = ranked;
      const page = { limit: query.limit, offset: query.offset, fromMs, toMs };
      const next = nextPage(`/v1/users/${user.id}/venues`, page, venues.length === query.offset + query.limit);
      // The shape of `convene venues --format json`, plus `next`. generatedAt is when this state was first
      // ranked, whichever page or window asked, so the body and its ETag change only with the venues.
      const generatedAt = rankedAt(c, fresh, 'venues', ranked.generatedAt);
      return JSON.stringify({ generatedAt, venues: venues.slice(query.offset), next });
    })) as never;
  });
  app.openapi(feedback, async (c) => {
    const { venueId } = c.req.valid('param');
    const { action } = c.req.valid('json');
    try {
      const stored = await recordVenueFeedback(c.get('deps'), {
        userKey: userFeedbackKey(c.get('user').id),
        venueId,
        action,
      });
      return c.json({ action: stored.action, venueId: stored.venueId, name: stored.name }, 201);
    } catch (error) {
      if (error instanceof UnknownVenueError) throw new ProblemError('not_found', 404, 'no such venue');
      throw error;
    }
  });
}
