import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import { ProblemError } from './problem.ts';
import { requestHeader } from './request-header.ts';

type OpenAPIRegistry = OpenAPIHono<AppEnv>['openAPIRegistry'];

interface BodyRoute {
  method: string;
  path: RegExp;
  mediaTypes: string[];
}

function bodyRoutes(registry: OpenAPIRegistry): BodyRoute[] {
  return registry.definitions.flatMap((definition) => {
    if (definition.type !== 'route') return [];
    const content = definition.route.request?.body?.content;
    if (!content) return [];
    const pattern = definition.route.path
      .split(/\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
      .join('[^/]+');
    return [
      {
        method: definition.route.method.toUpperCase(),
        path: new RegExp(`^${pattern}$`),
        mediaTypes: Object.keys(content),
      },
    ];
  });
}

/** The media type without parameters (`application/json; charset=utf-8` is `application/json`). */
function mediaTypeOf(header: string | undefined): string | null {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type ? type : null;
}

/** The 415 problem naming the types to send instead (RFC 9110 §15.5.16). */
function unsupportedMediaType(header: string | undefined, accepted: string[]): ProblemError {
  const type = mediaTypeOf(header);
  const sent = type ? `a body of type ${type} is not accepted here` : 'the body has no Content-Type';
  return new ProblemError(
    'unsupported_media_type',
    415,
    accepted.length > 0 ? `${sent}: send ${accepted.join(' or ')}` : sent,
  );
}

/**
 * The 415 that @hono/zod-openapi throws for a JSON or form route, after the route's authentication, as
 * a problem naming the types the route declares. The table is read on first use, once every route is
 * registered.
 */
export function mediaTypeProblem(registry: OpenAPIRegistry): (c: Context<AppEnv>) => ProblemError {
  let routes: BodyRoute[] | null = null;
  return (c) => {
    routes ??= bodyRoutes(registry);
    const route = routes.find((r) => r.method === c.req.method && r.path.test(c.req.path));
    return unsupportedMediaType(requestHeader(c, 'content-type'), route?.mediaTypes ?? []);
  };
}

/**
 * For a route whose body the library does not check (not JSON, not a form): a body in none of
 * `mediaTypes`, or with no type, is refused. Listed after the route's authentication.
 */
export function acceptBody(mediaTypes: string[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = requestHeader(c, 'content-type');
    const type = mediaTypeOf(header);
    if (!type || !mediaTypes.includes(type)) throw unsupportedMediaType(header, mediaTypes);
    await next();
  };
}
