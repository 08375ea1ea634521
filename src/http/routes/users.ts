import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { UnknownEventError } from '../../core/errors.ts';
import { FEEDBACK_ACTIONS } from '../../core/feedback.ts';
import { type Profile, ProfileSchema } from '../../core/profile.ts';
import { giveFeedback, NotYetHappenedError } from '../../usecases/feedback.ts';
import { gapsFor, importVcard, NotAVcardError } from '../../usecases/network.ts';
import { createUser, replaceProfile, rotateSecret } from '../../usecases/users.ts';
import { adminRoute } from '../admin-auth.ts';
import type { AppEnv } from '../app-env.ts';
import { acceptBody } from '../media-type-gate.ts';
import { PicksQuery, picksResponse } from '../picks-response.ts';
import { GapsSchema, PicksSchema } from '../picks-schema.ts';
import { ProblemError, validationFailed } from '../problem.ts';
import { jsonBody, jsonResponse, problemResponse } from '../schemas.ts';
import { requireUserOrAdmin } from '../user-auth.ts';
import { denied, IdParam, rankedListRoute, security, userReadRoute, userRoute } from '../user-route-parts.ts';

const ProfileBody = z
  .object({
    profile: z.record(z.string(), z.unknown()).openapi({ description: 'A profile, as in a profile file (README)' }),
  })
  .openapi('ProfileBody');
const UserSchema = z
  .object({ id: z.string(), profile: z.record(z.string(), z.unknown()), createdAt: z.string(), updatedAt: z.string() })
  .openapi('User');

/** The same checks as a profile file; a file path makes no sense over HTTP. */
function checkProfile(raw: Record<string, unknown>): Profile {
  if ('contactsFile' in raw)
    throw new ProblemError('validation_failed', 400, 'see errors', [
      { path: 'profile.contactsFile', message: 'upload contacts to /v1/users/{id}/contacts instead' },
    ]);
  const parsed = ProfileSchema.safeParse(raw);
  if (!parsed.success) throw validationFailed(parsed.error.issues, 'profile');
  return parsed.data;
}

const view = (u: { id: string; profile: Profile; createdAt: string; updatedAt: string }) => ({
  id: u.id,
  profile: u.profile as Record<string, unknown>,
  createdAt: u.createdAt,
  updatedAt: u.updatedAt,
});

const create = adminRoute({
  method: 'post',
  path: '/v1/users',
  summary: 'Create a user; the answer shows their API key and feed token once',
  request: { body: jsonBody(ProfileBody) },
  responses: {
    201: jsonResponse('Created', UserSchema.extend({ apiKey: z.string(), feedToken: z.string() })),
    400: problemResponse('Invalid profile'),
  },
});
const read = userReadRoute('/v1/users/{id}', 'Read a profile', { description: 'The user', schema: UserSchema });
const replace = userRoute({
  method: 'put',
  path: '/v1/users/{id}',
  summary: 'Replace a profile',
  request: { params: IdParam, body: jsonBody(ProfileBody) },
  responses: {
    200: jsonResponse('Replaced', UserSchema),
    400: problemResponse('Invalid profile'),
  },
});
/** RFC 6350's type, and the older names exports still use (vCard 2.1/3.0 tools, RFC 2425). */
const VCARD_TYPES = ['text/vcard', 'text/x-vcard', 'text/directory'];
const contacts = createRoute({
  method: 'post',
  path: '/v1/users/{id}/contacts',
  summary: 'Import contacts from a vCard export (merged by name + email or name + org)',
  security,
  middleware: [requireUserOrAdmin, acceptBody(VCARD_TYPES)] as const,
  request: {
    params: IdParam,
    body: { content: Object.fromEntries(VCARD_TYPES.map((type) => [type, { schema: z.string() }])), required: true },
  },
  responses: {
    200: jsonResponse(
      'Imported',
      z.object({ added: z.number(), merged: z.number(), total: z.number(), warnings: z.array(z.string()) }),
    ),
    400: problemResponse('Not a vCard'),
    ...denied,
  },
});
const gaps = userReadRoute('/v1/users/{id}/gaps', 'The four gaps of the network', {
  description: 'Gaps',
  schema: GapsSchema,
});
const picks = rankedListRoute(
  '/v1/users/{id}/picks',
  'Ranked picks with reasons, give-first list and gaps (the JSON of `convene recommend`: generatedAt, picks, giveFirst, gaps; plus `next`, the next page); ETag and 304',
  PicksQuery,
  { description: 'Picks', schema: PicksSchema },
);
const feedback = userRoute({
  method: 'post',
  path: '/v1/users/{id}/feedback',
  summary: 'going / not-interested / attended (with the people met)',
  request: {
    params: IdParam,
    body: jsonBody(
      z.object({
        eventId: z.string().min(1).max(64),
        action: z.enum(FEEDBACK_ACTIONS),
        met: z.array(z.string().min(1).max(200)).max(100).default([]),
        reason: z.string().max(1000).optional(),
      }),
    ),
  },
  responses: {
    201: jsonResponse('Stored', z.object({ action: z.string(), eventId: z.string(), title: z.string() })),
    400: problemResponse('Invalid body or unknown event'),
  },
});

const rotate = (which: 'key' | 'feed-token') =>
  userRoute({
    method: 'post',
    path: `/v1/users/{id}/${which}`,
    summary:
      which === 'key'
        ? 'Replace the API key (the old one stops working at once)'
        : 'Replace the feed token (old calendar and feed URLs stop working)',
    request: { params: IdParam },
    responses: {
      200: jsonResponse(
        'The new secret, shown once',
        z.object({ [which === 'key' ? 'apiKey' : 'feedToken']: z.string() }),
      ),
    },
  });

export function registerUsers(app: OpenAPIHono<AppEnv>) {
  app.openapi(create, async (c) => {
    const profile = checkProfile(c.req.valid('json').profile);
    const { user, apiKey, feedToken } = await createUser(c.get('deps'), profile);
    return c.json({ ...view(user), apiKey, feedToken }, 201);
  });
  app.openapi(read, (c) => c.json(view(c.get('user')), 200));
  app.openapi(replace, async (c) => {
    const profile = checkProfile(c.req.valid('json').profile);
    const at = await replaceProfile(c.get('deps'), c.get('user').id, profile);
    return c.json(view({ ...c.get('user'), profile, updatedAt: at }), 200);
  });
  app.openapi(contacts, async (c) => {
    let result: ReturnType<typeof importVcard>;
    try {
      result = importVcard(c.get('user').profile.contacts, await c.req.text());
    } catch (error) {
      if (error instanceof NotAVcardError)
        throw new ProblemError('validation_failed', 400, error.message, [{ path: '(body)', message: error.message }]);
      throw error;
    }
    await replaceProfile(c.get('deps'), c.get('user').id, { ...c.get('user').profile, contacts: result.contacts });
    return c.json(
      { added: result.added, merged: result.merged, total: result.contacts.length, warnings: result.warnings },
      200,
    );
  });
  app.openapi(gaps, async (c) =>
    c.json(
      await gapsFor(
        { store: c.get('deps').store, clock: c.get('deps').clock },
        c.get('user').profile,
        c.get('user').profile.contacts,
      ),
      200,
    ),
  );
  for (const which of ['key', 'feed-token'] as const) {
    app.openapi(rotate(which), async (c) => {
      const secret = await rotateSecret(c.get('deps'), c.get('user').id, which);
      return c.json(which === 'key' ? { apiKey: secret } : { feedToken: secret }, 200);
    });
  }
  // Documented from its route definition, served by picksResponse (see there why not app.openapi).
  const { middleware: _auth, ...documented } = picks;
  app.openAPIRegistry.registerPath(documented);
  app.get('/v1/users/:id/picks', requireUserOrAdmin, (c) =>
    picksResponse(c, c.get('user'), `/v1/users/${c.get('user').id}/picks`),
  );
  app.openapi(feedback, async (c) => {
    const body = c.req.valid('json');
    const { store, clock } = c.get('deps');
    if (body.met.length > 0 && body.action !== 'attended')
      throw new ProblemError('validation_failed', 400, 'see errors', [{ path: 'met', message: 'goes with attended' }]);
    let stored: Awaited<ReturnType<typeof giveFeedback>>;
    try {
      stored = await giveFeedback({ store, clock }, c.get('user'), body);
    } catch (error) {
      if (error instanceof UnknownEventError)
        throw new ProblemError('validation_failed', 400, 'see errors', [{ path: 'eventId', message: 'no such event' }]);
      if (error instanceof NotYetHappenedError)
        throw new ProblemError('validation_failed', 400, error.message, [
          { path: 'eventId', message: 'has not happened yet: it cannot be attended' },
        ]);
      throw error;
    }
    return c.json({ action: stored.action, eventId: stored.eventId, title: stored.title }, 201);
  });
}
