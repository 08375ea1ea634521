-- A counter bumped in the same atomic write as every change to sources, events, users and feedback:
-- what `changeStamp()` answers, so a cache keyed on it notices writes by any process. SQLite's
-- data_version would do on one machine; D1 has no such thing, and a stored counter works on both.
-- `events_value` moves only with writes that may change stored events (an ingest, a removed source,
-- re-placed texts): what is derived from events alone (ranking catalog, search index) is keyed by it, so
-- a new user or a word of feedback does not rebuild them.
CREATE TABLE change_counter (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  value INTEGER NOT NULL,
  events_value INTEGER NOT NULL DEFAULT 0
);

INSERT INTO change_counter (id, value) VALUES (1, 0);
