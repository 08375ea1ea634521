import type { Context, Hono } from 'hono';
import { type CalendarName, latestChange } from '../../core/publication.ts';
import { calendarHeader } from '../../publish/calendar-header.ts';
import { picksFeed } from '../../publish/picks-feed.ts';
import { writeAtomFeed } from '../../render/feeds/atom-feed.ts';
import { writeJsonFeed } from '../../render/feeds/json-feed.ts';
import { writeCalendar } from '../../render/ical/write-calendar.ts';
import { publishSubscription } from '../../usecases/publish-calendar.ts';
import type { AppEnv } from '../app-env.ts';
import { conditionalBody } from '../conditional.ts';
import { userByFeedToken } from '../feed-token.ts';
import { problem } from '../problem.ts';
import { strongEtag } from '../strong-etag.ts';

export function subscriptionUrls(origin: string, token: string) {
  return {
    page: `${origin}/u/${token}`,
    calendar: `${origin}/cal/${token}.ics`,
    giveCalendar: `${origin}/cal/${token}/give.ics`,
    atom: `${origin}/feed/${token}.atom`,
    json: `${origin}/feed/${token}.json`,
  };
}

function notFound() {
  return problem('not_found', 404, 'no calendar or feed at this address (a rotated token stops the old one)');
}

async function calendarResponse(c: Context<AppEnv>, token: string, calendar: CalendarName): Promise<Response> {
  const user = await userByFeedToken(c.get('deps'), token);
  if (!user) return notFound();
  const { publications } = await publishSubscription(c.get('deps'), user, calendar);
  const body = writeCalendar(calendarHeader(calendar, user.profile.name ?? null), publications);
  return conditionalBody(
    c,
    body,
    'text/calendar; charset=utf-8',
    latestChange(publications, user.createdAt),
    strongEtag(body),
  );
}

async function feedResponse(c: Context<AppEnv>, token: string, format: 'atom' | 'json'): Promise<Response> {
  const user = await userByFeedToken(c.get('deps'), token);
  if (!user) return notFound();
  const { result, publications } = await publishSubscription(c.get('deps'), user, 'picks');
  const urls = subscriptionUrls(new URL(c.req.url).origin, token);
  const document = picksFeed(result, publications, {
    owner: user.id,
    name: user.profile.name ?? null,
    pageUrl: urls.page,
    selfUrl: format === 'atom' ? urls.atom : urls.json,
    fallbackUpdated: user.createdAt,
  });
  const body = format === 'atom' ? writeAtomFeed(document) : writeJsonFeed(document);
  return conditionalBody(
    c,
    body,
    format === 'atom' ? 'application/atom+xml; charset=utf-8' : 'application/feed+json; charset=utf-8',
    document.updated,
    strongEtag(body),
  );
}

/** The private subscription URLs: the secret feed token in the path is the only credential. */
export function registerSubscriptions(app: Hono<AppEnv>) {
  app.get('/cal/:token/give.ics', (c) => calendarResponse(c, c.req.param('token'), 'give'));
  app.get('/cal/:file', (c) => {
    const file = c.req.param('file');
    return file.endsWith('.ics') ? calendarResponse(c, file.slice(0, -4), 'picks') : notFound();
  });
  app.get('/feed/:file', (c) => {
    const file = c.req.param('file');
    if (file.endsWith('.atom')) return feedResponse(c, file.slice(0, -5), 'atom');
    if (file.endsWith('.json')) return feedResponse(c, file.slice(0, -5), 'json');
    return notFound();
  });
}
