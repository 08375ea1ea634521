import { createRoute } from '@hono/zod-openapi';
import { PicksQuery } from './picks-response.ts';
import { PicksSchema } from './picks-schema.ts';
import { problemResponse } from './schemas.ts';

/** `convene start`'s `/v1/picks`: the served profile's picks, documented only where it is served. */
export const homePicksRoute = createRoute({
  method: 'get',
  path: '/v1/picks',
  summary:
    "The served profile's picks without a key (only `convene start`, on loopback): the same answer as /v1/users/{id}/picks; ETag and 304",
  request: { query: PicksQuery },
  responses: {
    200: { description: 'Picks', content: { 'application/json': { schema: PicksSchema } } },
    304: { description: 'Not modified' },
    400: problemResponse('Invalid query'),
    404: problemResponse('The served profile is gone'),
  },
});
