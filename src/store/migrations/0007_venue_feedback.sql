-- What a user said about a venue (follow, not-interested). The venue's name is kept with it, so a
-- message can still name a venue whose events have all left the store.
CREATE TABLE venue_feedback (
  user_key TEXT NOT NULL,
  venue_id TEXT NOT NULL,
  name TEXT NOT NULL,
  action TEXT NOT NULL,
  at TEXT NOT NULL
);

CREATE INDEX venue_feedback_user ON venue_feedback(user_key, at);
