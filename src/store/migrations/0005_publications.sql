-- What each user's calendar subscriptions last published, so a calendar app sees stable UIDs, a
-- SEQUENCE raised when an entry changes, and withdrawn picks as CANCELLED for a while instead of
-- vanishing. `entry` is the entry as published (JSON); the hashes tell real changes from rewording.
CREATE TABLE publications (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  calendar TEXT NOT NULL,
  uid TEXT NOT NULL,
  entry TEXT NOT NULL,
  core_hash TEXT NOT NULL,
  full_hash TEXT NOT NULL,
  sequence INTEGER NOT NULL DEFAULT 0,
  published_at TEXT NOT NULL,
  last_modified TEXT NOT NULL,
  withdrawn_at TEXT,
  PRIMARY KEY (user_id, calendar, uid)
);
