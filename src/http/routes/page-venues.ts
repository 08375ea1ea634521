import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { VENUE_ACTIONS } from '../../core/venue.ts';
import { userFeedbackKey } from '../../usecases/feedback.ts';
import { recordVenueFeedback, UnknownVenueError } from '../../usecases/venues.ts';
import type { AppEnv } from '../app-env.ts';
import { userByFeedToken } from '../feed-token.ts';

const VenueForm = z.object({
  venueId: z.string().trim().min(1).max(64),
  action: z.enum(VENUE_ACTIONS),
  back: z.string().max(200).default(''),
});

const VenueNoticeQuery = z.object({
  venueDone: z.enum(['follow', 'not-interested', 'invalid', 'unknown']).optional().catch(undefined),
  venue: z.string().max(64).optional().catch(undefined),
});

/** What the last venue button did, said once after the redirect; null when the page was not reached that way. */
export async function venueNoticeText(c: Context<AppEnv>, userId: string): Promise<string | null> {
  const { venueDone, venue } = VenueNoticeQuery.parse(c.req.query());
  if (!venueDone) return null;
  if (venueDone === 'invalid') return 'That did not work: the form was incomplete.';
  if (venueDone === 'unknown') return 'That place has no upcoming events in Convene any more.';
  const words = await c.get('deps').store.listVenueFeedback(userFeedbackKey(userId));
  const name = words.findLast((f) => f.venueId === venue)?.name ?? 'the place';
  return venueDone === 'follow'
    ? `You follow “${name}”: its next date is among your picks and its dates are in your calendar.`
    : `Dismissed “${name}”: it and its events no longer appear.`;
}

/** Only the page's filter parameters come back, so the redirect cannot be pointed anywhere else. */
function keptFilters(back: string): string[] {
  const filters = new URLSearchParams(back);
  const kept = new URLSearchParams();
  for (const name of ['when', 'where', 'kind']) {
    const value = filters.get(name);
    if (value) kept.set(name, value);
  }
  return kept.size > 0 ? [kept.toString()] : [];
}

/** The page's Follow / Not interested in this place buttons: stored, then `303` back to the venue section. */
export function registerVenueForms(app: Hono<AppEnv>) {
  app.post('/u/:token/venue-feedback', bodyLimit({ maxSize: 16 * 1024 }), async (c) => {
    const token = c.req.param('token');
    const user = await userByFeedToken(c.get('deps'), token);
    if (!user) return c.redirect(`/u/${token}`, 303);
    // A body that does not parse as the form it claims to be reads as an incomplete form, like the page's other form.
    const parsed = VenueForm.safeParse(await c.req.parseBody().catch(() => null));
    const back = (...query: string[]) => `/u/${token}?${query.join('&')}#venues`;
    if (!parsed.success) return c.redirect(back('venueDone=invalid'), 303);
    const { venueId, action, back: filters } = parsed.data;
    const kept = keptFilters(filters);
    try {
      await recordVenueFeedback(c.get('deps'), { userKey: userFeedbackKey(user.id), venueId, action });
    } catch (error) {
      if (error instanceof UnknownVenueError) return c.redirect(back(...kept, 'venueDone=unknown'), 303);
      throw error;
    }
    return c.redirect(back(...kept, new URLSearchParams({ venueDone: action, venue: venueId }).toString()), 303);
  });
}
