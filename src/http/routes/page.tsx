/** @jsxImportSource hono/jsx */
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { UnknownEventError } from '../../core/errors.ts';
import { FEEDBACK_ACTIONS } from '../../core/feedback.ts';
import { PageFiltersSchema } from '../../render/page/page-filters.ts';
import { PicksPage } from '../../render/page/picks-page.tsx';
import { giveFeedback, NotYetHappenedError } from '../../usecases/feedback.ts';
import { latestFeedback, recentEvents } from '../../usecases/recent-events.ts';
import { userPicksAndVenues } from '../../usecases/user-recommendations.ts';
import type { AppEnv } from '../app-env.ts';
import { userByFeedToken } from '../feed-token.ts';
import { venueNoticeText } from './page-venues.ts';
import { subscriptionUrls } from './subscriptions.ts';

/** The first screen shows a few weeks of picks; the cadence keeps that to a handful a week. */
const PAGE_LIMIT = 30;
/** A handful of places to go back to: more would be a directory, not a choice. */
const PAGE_VENUES = 6;

const FeedbackForm = z.object({
  eventId: z.string().trim().min(1).max(64),
  action: z.enum(FEEDBACK_ACTIONS),
  met: z
    .string()
    .max(2000)
    .default('')
    .transform((text) =>
      text
        .split(/[,;\n]/)
        .map((name) => name.trim())
        .filter((name) => name.length > 0 && name.length <= 200)
        .slice(0, 50),
    ),
  back: z.string().max(200).default(''),
});

const NoticeQuery = z.object({
  done: z
    .enum([...FEEDBACK_ACTIONS, 'invalid', 'unknown-event', 'not-yet'])
    .optional()
    .catch(undefined),
  event: z.string().max(64).optional().catch(undefined),
});

function notFoundPage(c: Context<AppEnv>) {
  return c.html(
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found · Convene</title></head>' +
      '<body><main><h1>No page at this address</h1><p>The link may be old: a new feed token replaces the old one.</p></main></body></html>',
    404,
  );
}

async function noticeText(c: Context<AppEnv>): Promise<string | null> {
  const { done, event } = NoticeQuery.parse(c.req.query());
  if (!done) return null;
  if (done === 'invalid') return 'That did not work: the form was incomplete.';
  if (done === 'unknown-event') return 'That event is no longer in Convene.';
  if (done === 'not-yet') return 'That event has not happened yet: say who you met once you have been there.';
  const title = event ? ((await c.get('deps').store.getEvent(event))?.title ?? 'the event') : 'the event';
  if (done === 'going') return `You are going to “${title}”: it stays among your picks.`;
  if (done === 'not-interested') return `Dismissed “${title}”: it is gone, and similar events now rank lower.`;
  return `Saved: you attended “${title}”. The people you met count as seen, which updates your network.`;
}

/** The personal page behind the secret feed token: server-rendered, works without JavaScript. */
export function registerPage(app: Hono<AppEnv>) {
  app.get('/u/:token', async (c) => {
    const token = c.req.param('token');
    const user = await userByFeedToken(c.get('deps'), token);
    if (!user) return notFoundPage(c);
    const { picks: result, venues } = await userPicksAndVenues(c.get('deps'), user, PAGE_LIMIT, PAGE_VENUES);
    const latest = await latestFeedback(c.get('deps').store, user.id);
    const urls = subscriptionUrls(new URL(c.req.url).origin, token);
    c.header('cache-control', 'private, no-store');
    c.header('x-robots-tag', 'noindex');
    return c.html(
      <PicksPage
        name={user.profile.name ?? null}
        result={result}
        filters={PageFiltersSchema.parse(c.req.query())}
        links={{
          ...urls,
          page: `/u/${token}`,
          feedback: `/u/${token}/feedback`,
          venueFeedback: `/u/${token}/venue-feedback`,
        }}
        timeZone={user.profile.location?.timeZone ?? 'UTC'}
        nowMs={c.get('deps').clock.now()}
        notice={(await venueNoticeText(c, user.id)) ?? (await noticeText(c))}
        recent={await recentEvents(c.get('deps'), user, latest)}
        going={new Set([...latest.values()].filter((f) => f.action === 'going').map((f) => f.eventId))}
        venues={venues.venues}
      />,
    );
  });

  app.post('/u/:token/feedback', bodyLimit({ maxSize: 16 * 1024 }), async (c) => {
    const token = c.req.param('token');
    const user = await userByFeedToken(c.get('deps'), token);
    if (!user) return notFoundPage(c);
    // A multipart type over a body that is not multipart makes the runtime's FormData parser throw:
    // to the person at the page that is the same incomplete form as a missing field.
    const body = await c.req.parseBody().catch(() => null);
    const parsed = FeedbackForm.safeParse(body);
    const back = (query: string, extra: string) => `/u/${token}?${[query, extra].filter(Boolean).join('&')}#picks`;
    if (!parsed.success) return c.redirect(back('', 'done=invalid'), 303);
    const form = parsed.data;
    // Only the filter parameters come back, so the redirect cannot be pointed anywhere else.
    const filters = new URLSearchParams(form.back);
    const kept = new URLSearchParams();
    for (const name of ['when', 'where', 'kind']) {
      const value = filters.get(name);
      if (value) kept.set(name, value);
    }
    try {
      await giveFeedback(c.get('deps'), user, {
        eventId: form.eventId,
        action: form.action,
        met: form.action === 'attended' ? form.met : [],
      });
    } catch (error) {
      if (error instanceof UnknownEventError) return c.redirect(back(kept.toString(), 'done=unknown-event'), 303);
      if (error instanceof NotYetHappenedError) return c.redirect(back(kept.toString(), 'done=not-yet'), 303);
      throw error;
    }
    const done = new URLSearchParams({ done: form.action, event: form.eventId });
    return c.redirect(back(kept.toString(), done.toString()), 303);
  });
}
