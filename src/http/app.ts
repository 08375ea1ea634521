import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { isStoreBusy } from '../core/store-busy.ts';
import { defaultWindow } from '../core/window.ts';
import type { AppDeps, AppEnv } from './app-env.ts';
import { renderDocsPage } from './docs-page.ts';
import { renderEventsPage } from './events-page.ts';
import { homePicksRoute } from './home-picks-route.ts';
import { mediaTypeProblem } from './media-type-gate.ts';
import { picksResponse } from './picks-response.ts';
import { ProblemError, problem, validationFailed } from './problem.ts';
import { memoryRateLimiter, rateLimit } from './rate-limit.ts';
import { registerEvents } from './routes/events.ts';
import { registerHealth } from './routes/health.ts';
import { registerPage } from './routes/page.tsx';
import { registerVenueForms } from './routes/page-venues.ts';
import { registerSources } from './routes/sources.ts';
import { registerSubscriptions } from './routes/subscriptions.ts';
import { registerUsers } from './routes/users.ts';
import { registerVenues } from './routes/venues.ts';

export type { AppDeps } from './app-env.ts';

/** JSON bodies are small here (a source, later a profile); more is a mistake or an attack. */
const MAX_BODY_BYTES = 64 * 1024;
const BUSY_RETRY_AFTER_SECONDS = 2;

/** The feed token is a password in the path (/u/{token}, /cal/{token}.ics, /feed/{token}.json): never logged. */
function withoutFeedToken(pathname: string): string {
  return pathname.replace(/^\/(u|cal|feed)\/[^/.]+/, '/$1/[token]');
}

/** The one app every runtime serves; it speaks Web Request/Response, the store port and the use cases. */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({
    // Every validation failure has the same shape: the field paths and what is wrong with them.
    defaultHook: (result) => {
      if (!result.success) throw validationFailed(result.error.issues);
    },
  });
  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'unsafe-inline'"],
        imgSrc: ["'self'"],
        // default-src does not cover these: forms post only here, and no one may frame the page.
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
    }),
  );
  const limiter = deps.rateLimiter ?? memoryRateLimiter(600, 60_000);
  for (const path of ['/v1/*', '/u/*', '/cal/*', '/feed/*']) app.use(path, rateLimit(limiter));
  app.use('/v1/events', cors());
  app.use('/health', cors());
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ProblemError('payload_too_large', 413, `bodies are limited to ${MAX_BODY_BYTES / 1024} KiB`);
    },
  });
  // Only requests that carry a body: asking a GET for its body makes the Node adapter build a full
  // Request object, which halved the rate of warm picks.
  app.use('/v1/*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: "a user's API key, or the admin key",
  });
  registerHealth(app);
  registerEvents(app);
  registerSources(app);
  registerUsers(app);
  registerVenues(app);

  registerSubscriptions(app);
  registerPage(app);
  registerVenueForms(app);

  const home = deps.home;
  if (home) {
    // The served profile's picks without a key: the same answer as /v1/users/{id}/picks.
    app.openAPIRegistry.registerPath(homePicksRoute);
    app.get('/v1/picks', async (c) => {
      const user = await deps.store.getUser(home.userId);
      if (!user) throw new ProblemError('not_found', 404, 'the served profile is gone');
      return picksResponse(c, user, '/v1/picks');
    });
    app.get('/', (c) => c.redirect(home.pagePath, 302));
  }
  const eventsPage = async (c: Context<AppEnv>) => {
    const now = deps.clock.now();
    const events = await deps.store.listEvents({
      fromMs: now,
      toMs: defaultWindow(now).toMs,
      includeUndated: true,
      includeCancelled: false,
      limit: 300,
    });
    return c.html(renderEventsPage(events, now));
  };
  // /events is the events page under every command; / is too, unless it leads to the served user's page.
  app.get('/events', eventsPage);
  if (!home) app.get('/', eventsPage);
  const documentConfig = {
    openapi: '3.1.0',
    info: {
      title: 'Convene API',
      version: '0.1.0',
      description: 'Events worth attending, chosen to fill the gaps in your network.',
    },
  };
  app.doc31('/openapi.json', documentConfig);
  app.get('/docs', (c) =>
    c.html(renderDocsPage(app.getOpenAPI31Document(documentConfig) as Parameters<typeof renderDocsPage>[0])),
  );

  app.notFound(() => problem('not_found', 404, 'no such route'));
  const unsupported = mediaTypeProblem(app.openAPIRegistry);
  app.onError((thrown, c) => {
    // The OpenAPI library checks a JSON body's type after the route's authentication, and says only 415.
    const error = thrown instanceof HTTPException && thrown.status === 415 ? unsupported(c) : thrown;
    if (error instanceof ProblemError) {
      const response = problem(error.code, error.status, error.detail, error.errors);
      for (const header of ['www-authenticate', 'retry-after']) {
        const value = c.res.headers.get(header);
        if (value) response.headers.set(header, value);
      }
      return response;
    }
    // Hono's JSON validator reports a body it cannot parse as a 400.
    if (error instanceof HTTPException && error.status === 400)
      return problem('malformed_json', 400, 'the body could not be parsed as JSON');
    if (error instanceof HTTPException && error.status === 413) return problem('payload_too_large', 413);
    // A write that waited its busy timeout behind an ingest's transaction: the lock is free again soon.
    if (isStoreBusy(error)) {
      const response = problem('unavailable', 503, 'the store is busy with a write; try again');
      response.headers.set('retry-after', String(BUSY_RETRY_AFTER_SECONDS));
      return response;
    }
    // Nothing about the failure reaches the client; the runtime logs it.
    console.error(
      `convene: ${c.req.method} ${withoutFeedToken(new URL(c.req.url).pathname)} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return problem('internal', 500);
  });
  return app;
}
