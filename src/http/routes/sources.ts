import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { EVENT_KINDS } from '../../core/event.ts';
import { isIpLiteral, isPrivateAddress } from '../../core/private-address.ts';
import { adminRoute } from '../admin-auth.ts';
import type { AppEnv } from '../app-env.ts';
import { ProblemError } from '../problem.ts';
import { jsonBody, jsonResponse, problemResponse, SourceSchema } from '../schemas.ts';

/** http(s) or webcal only, no credentials, no private address written as an IP (host names are checked at fetch time). */
const SourceUrlSchema = z
  .string()
  .max(2048)
  .transform((v, ctx) => {
    let url: URL;
    try {
      url = new URL(v.trim().replace(/^webcal:\/\//i, 'https://'));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a URL' });
      return z.NEVER;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      ctx.addIssue({ code: 'custom', message: 'only http, https and webcal URLs' });
    if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'URLs with credentials are refused' });
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (host === 'localhost' || (isIpLiteral(host) && isPrivateAddress(host)))
      ctx.addIssue({ code: 'custom', message: 'private or loopback addresses are refused' });
    url.hash = '';
    return url.toString();
  });

const NewSourceSchema = z
  .object({
    url: SourceUrlSchema.openapi({ type: 'string', example: 'https://www.meetup.com/rust-berlin/events/ical/' }),
    name: z.string().max(200).optional(),
    kind: z.enum(EVENT_KINDS).optional(),
    topics: z.array(z.string().max(100)).max(20).optional(),
    refreshMinutes: z.number().int().min(5).max(43_200).optional(),
  })
  .openapi('NewSource');

const IdParam = z.object({
  id: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const notFound = problemResponse('No such source');

const list = adminRoute({
  method: 'get',
  path: '/v1/sources',
  summary: 'Every source with its health',
  responses: {
    200: jsonResponse('Sources', z.object({ sources: z.array(SourceSchema) })),
  },
});

const add = adminRoute({
  method: 'post',
  path: '/v1/sources',
  summary: 'Add a source (de-duplicated by normalised URL)',
  request: { body: jsonBody(NewSourceSchema) },
  responses: {
    201: jsonResponse('Added', SourceSchema),
    400: problemResponse('Invalid body'),
    409: problemResponse('Already a source'),
    413: problemResponse('Body too large'),
  },
});

const remove = adminRoute({
  method: 'delete',
  path: '/v1/sources/{id}',
  summary: 'Remove a source and the events only it listed',
  request: { params: IdParam },
  responses: { 204: { description: 'Removed' }, 404: notFound },
});

const ingestNow = adminRoute({
  method: 'post',
  path: '/v1/sources/{id}/ingest',
  summary: 'Fetch and store a source now',
  request: { params: IdParam },
  responses: {
    200: jsonResponse(
      'What the ingest did',
      z.object({
        source: z.string(),
        status: z.string(),
        error: z.object({ kind: z.string(), message: z.string() }).nullable(),
        counts: z.object({
          new: z.number(),
          changed: z.number(),
          unchanged: z.number(),
          cancelled: z.number(),
          withdrawn: z.number(),
        }),
        warnings: z.array(z.string()),
        nextCheckAt: z.string().nullable(),
        outsideWindow: z
          .object({ before: z.number(), after: z.number(), from: z.string().nullable(), to: z.string().nullable() })
          .nullable(),
      }),
    ),
    404: notFound,
    503: problemResponse(
      'The ingest did not finish (stopped at its deadline, or its worker died); the source keeps its events and records why',
    ),
  },
});

export function registerSources(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => c.json({ sources: await c.get('deps').store.listSources() }, 200));
  app.openapi(add, async (c) => {
    const body = c.req.valid('json');
    const { store } = c.get('deps');
    if (await store.getSource(body.url)) throw new ProblemError('conflict', 409, 'this URL is already a source');
    const source = await store.ensureSource({
      location: body.url,
      ...(body.name ? { name: body.name } : {}),
      ...(body.kind ? { kind: body.kind } : {}),
      ...(body.topics ? { topics: body.topics } : {}),
      ...(body.refreshMinutes ? { refreshMinutes: body.refreshMinutes } : {}),
    });
    return c.json(source, 201);
  });
  app.openapi(remove, async (c) => {
    if (!(await c.get('deps').store.removeSource(c.req.valid('param').id)))
      throw new ProblemError('not_found', 404, 'no such source');
    return c.body(null, 204);
  });
  app.openapi(ingestNow, async (c) => {
    const { store, ingest } = c.get('deps');
    const source = await store.getSourceById(c.req.valid('param').id);
    if (!source) throw new ProblemError('not_found', 404, 'no such source');
    if (!ingest) throw new ProblemError('internal', 503, 'this server cannot fetch sources');
    // The ingest runs elsewhere (a worker) and can end without a report: stopped at its deadline or
    // its worker gone. Nothing was stored, the source records why, and another try may well work.
    const report = await ingest({ location: source.location }).catch((error: unknown) => {
      throw new ProblemError(
        'unavailable',
        503,
        `the ingest did not finish: ${error instanceof Error ? error.message.slice(0, 300) : 'unknown error'}`,
      );
    });
    return c.json(
      {
        source: report.source,
        status: report.status,
        error: report.error,
        counts: report.counts,
        warnings: report.warnings,
        nextCheckAt: report.nextCheckAt,
        outsideWindow: report.outsideWindow,
      },
      200,
    );
  });
}
