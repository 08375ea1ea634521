import type { FeedbackPort } from '../core/event-store.ts';
import type { Feedback } from '../core/feedback.ts';
import type { VenueAction, VenueFeedback } from '../core/venue.ts';
import { bumpChangeCounter } from './change-counter.ts';
import { type SqlDriver, sql } from './sql-driver.ts';

interface FeedbackRow {
  user_key: string;
  event_id: string;
  uid: string;
  title: string;
  fields: string;
  action: string;
  met: string;
  reason: string | null;
  at: string;
}

interface VenueFeedbackRow {
  user_key: string;
  venue_id: string;
  name: string;
  action: string;
  at: string;
}

export function createFeedbackPort(db: SqlDriver): FeedbackPort {
  return {
    async addFeedback(f: Feedback) {
      await db.batch([
        sql(
          `INSERT INTO feedback (user_key, event_id, uid, title, fields, action, met, reason, at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          f.userKey,
          f.eventId,
          f.uid,
          f.title,
          JSON.stringify(f.fields),
          f.action,
          JSON.stringify(f.met),
          f.reason,
          f.at,
        ),
        bumpChangeCounter,
      ]);
    },
    async listFeedback(userKey: string) {
      const rows = await db.all<FeedbackRow>('SELECT * FROM feedback WHERE user_key = ? ORDER BY at, rowid', [userKey]);
      return rows.map((r) => ({
        userKey: r.user_key,
        eventId: r.event_id,
        uid: r.uid,
        title: r.title,
        fields: JSON.parse(r.fields) as string[],
        action: r.action as Feedback['action'],
        met: JSON.parse(r.met) as string[],
        reason: r.reason,
        at: r.at,
      }));
    },
    async addVenueFeedback(f: VenueFeedback) {
      await db.batch([
        sql(
          'INSERT INTO venue_feedback (user_key, venue_id, name, action, at) VALUES (?, ?, ?, ?, ?)',
          f.userKey,
          f.venueId,
          f.name,
          f.action,
          f.at,
        ),
        bumpChangeCounter,
      ]);
    },
    async listVenueFeedback(userKey: string) {
      const rows = await db.all<VenueFeedbackRow>(
        'SELECT * FROM venue_feedback WHERE user_key = ? ORDER BY at, rowid',
        [userKey],
      );
      return rows.map((r) => ({
        userKey: r.user_key,
        venueId: r.venue_id,
        name: r.name,
        action: r.action as VenueAction,
        at: r.at,
      }));
    },
  };
}
