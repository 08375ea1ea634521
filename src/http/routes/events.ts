import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { parseDateOption } from '../../core/dates.ts';
import { EVENT_KINDS } from '../../core/event.ts';
import { defaultWindow } from '../../core/window.ts';
import { SearchSyntaxError } from '../../search/text-search.ts';
import { searchEvents } from '../../usecases/search-events.ts';
import type { AppEnv } from '../app-env.ts';
import { ProblemError } from '../problem.ts';
import { refuseReversedWindow } from '../reversed-window.ts';
import { EventSchema, problemResponse } from '../schemas.ts';

const dateText = z
  .string()
  .max(40)
  .refine((v) => {
    try {
      parseDateOption(v, 'date');
      return true;
    } catch {
      return false;
    }
  }, 'expected YYYY-MM-DD or an ISO 8601 instant');

const EventQuerySchema = z.object({
  q: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: 'words that must all appear (title, description, topics, place)' }),
  search: z.string().max(200).optional().openapi({
    description:
      'a search in lunr syntax, results best first: words (any), +word (must), -word (must not), field:word (title, topics, description, place, organizer), word*, word~1, word^10',
    example: '+rust berlin -online',
  }),
  from: dateText.optional().openapi({ description: 'earliest start (default: now)' }),
  to: dateText.optional().openapi({ description: 'latest start (default: one year from now)' }),
  city: z.string().max(200).optional(),
  country: z.string().max(200).optional(),
  online: z.enum(['true', 'false', 'hybrid']).optional(),
  kind: z.enum(EVENT_KINDS).optional(),
  topic: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

const listEvents = createRoute({
  method: 'get',
  path: '/v1/events',
  summary: 'Search upcoming events, each once with every source that lists it',
  request: { query: EventQuerySchema },
  responses: {
    200: {
      description: 'One page of events',
      content: {
        'application/json': {
          schema: z
            .object({ events: z.array(EventSchema), total: z.number().int(), next: z.string().nullable() })
            .openapi('EventPage'),
        },
      },
    },
    400: problemResponse('Invalid query'),
  },
});

export function registerEvents(app: OpenAPIHono<AppEnv>) {
  app.openapi(listEvents, async (c) => {
    const query = c.req.valid('query');
    const { store, clock, derived } = c.get('deps');
    const now = clock.now();
    const fromMs = query.from ? parseDateOption(query.from, 'from') : now;
    const toMs = query.to ? parseDateOption(query.to, 'to') : defaultWindow(now).toMs;
    refuseReversedWindow(fromMs, toMs);
    const { events, total } = await searchEvents({ store, derived }, { ...query, fromMs, toMs }).catch(
      (error: unknown) => {
        if (error instanceof SearchSyntaxError)
          throw new ProblemError('validation_failed', 400, `search: ${error.message}`, [
            { path: 'search', message: error.message },
          ]);
        throw error;
      },
    );
    const nextOffset = query.offset + events.length;
    const next =
      nextOffset < total ? `/v1/events?${new URLSearchParams({ ...c.req.query(), offset: String(nextOffset) })}` : null;
    return c.json({ events, total, next }, 200);
  });
}
