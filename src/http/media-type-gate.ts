import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import { ProblemError } from './problem.ts';

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

/**
 * A body in a media type the route does not declare, or with none, is a 415 naming the types it takes
 * (RFC 9110 §15.5.16), for every route with a body in the OpenAPI registry, so a new route is covered
 * without listing it here. The table is read on first use, once every route is registered.
 */
export function mediaTypeGate(registry: OpenAPIRegistry): MiddlewareHandler<AppEnv> {
  let routes: BodyRoute[] | null = null;
  return async (c, next) => {
    // Reads carry no body: keep the hot GET path free of the route table.
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    routes ??= bodyRoutes(registry);
    const pathname = c.req.path;
    const route = routes.find((r) => r.method === method && r.path.test(pathname));
    if (route) {
      const type = mediaTypeOf(c.req.header('content-type'));
      if (!type || !route.mediaTypes.includes(type))
        throw new ProblemError(
          'unsupported_media_type',
          415,
          `${type ? `a body of type ${type} is not accepted here` : 'the body has no Content-Type'}: send ${route.mediaTypes.join(' or ')}`,
        );
    }
    await next();
  };
}
