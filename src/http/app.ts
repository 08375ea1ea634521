import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { z } from 'zod';
import type { Clock } from '../core/clock.ts';
import { parseDateOption } from '../core/dates.ts';
import type { EventStore } from '../core/event-store.ts';
import type { Recommendations } from '../core/ranking.ts';
import { defaultWindow } from '../core/window.ts';
import { renderEventsPage } from './events-page.ts';
import { renderPicksPage } from './picks-page.ts';

export interface AppDeps {
  store: EventStore;
  clock: Clock;
  /** The picks of the profile this server was started with (`convene start` uses the demo profile). */
  picks?: { profileName: string | null; recommend: () => Promise<Recommendations> };
}

const EventsQuerySchema = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

function problem(status: 400 | 404, title: string, detail: string) {
  return new Response(JSON.stringify({ type: `https://convene.dev/problems/${status}`, title, status, detail }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

/** The one app every runtime serves; it only speaks Web Request/Response and the store port. */
export function createApp(deps: AppDeps) {
  const app = new Hono();
  app.use(
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], styleSrc: ["'unsafe-inline'"], imgSrc: ["'self'"] },
      referrerPolicy: 'no-referrer',
    }),
  );
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/v1/sources', async (c) => c.json({ sources: await deps.store.listSources() }));
  app.get('/v1/events', async (c) => {
    const parsed = EventsQuerySchema.safeParse(c.req.query());
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return problem(400, 'Invalid query', `${issue?.path.join('.')}: ${issue?.message}`);
    }
    const window = defaultWindow(deps.clock.now());
    try {
      const fromMs = parsed.data.from ? parseDateOption(parsed.data.from, 'from') : deps.clock.now();
      const toMs = parsed.data.to ? parseDateOption(parsed.data.to, 'to') : window.toMs;
      const events = await deps.store.listEvents({
        fromMs,
        toMs,
        includeUndated: true,
        includeCancelled: false,
        limit: parsed.data.limit,
      });
      return c.json({ events });
    } catch (error) {
      return problem(400, 'Invalid query', error instanceof Error ? error.message : 'bad date');
    }
  });
  const picks = deps.picks;
  if (picks) {
    app.get('/v1/picks', async (c) => c.json(await picks.recommend()));
    app.get('/', async (c) => c.html(renderPicksPage(await picks.recommend(), picks.profileName)));
  }
  app.get(picks ? '/events' : '/', async (c) => {
    const now = deps.clock.now();
    const events = await deps.store.listEvents({
      fromMs: now,
      toMs: defaultWindow(now).toMs,
      includeUndated: true,
      includeCancelled: false,
      limit: 300,
    });
    return c.html(renderEventsPage(events, now));
  });
  app.notFound(() => problem(404, 'Not found', 'no such route'));
  return app;
}
