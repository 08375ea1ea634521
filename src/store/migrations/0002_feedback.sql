-- What a user said about an event. The event's series, title and fields are kept with it, so a
-- dismissal still lowers similar events after the event itself has left the store.
CREATE TABLE feedback (
  user_key TEXT NOT NULL,
  event_id TEXT NOT NULL,
  uid TEXT NOT NULL,
  title TEXT NOT NULL,
  fields TEXT NOT NULL DEFAULT '[]',
  action TEXT NOT NULL,
  met TEXT NOT NULL DEFAULT '[]',
  reason TEXT,
  at TEXT NOT NULL
);

CREATE INDEX feedback_user ON feedback(user_key, at);
