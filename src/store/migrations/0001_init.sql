-- Convene schema. Applied in order by the SQLite adapter and by `wrangler d1 migrations apply`:
-- keep to SQL both accept, and add new files rather than editing released ones.

CREATE TABLE sources (
  id TEXT PRIMARY KEY,
  location TEXT NOT NULL UNIQUE,
  name TEXT,
  format TEXT,
  kind TEXT,
  topics TEXT NOT NULL DEFAULT '[]',
  refresh_minutes INTEGER NOT NULL DEFAULT 360,
  status TEXT NOT NULL DEFAULT 'new',
  etag TEXT,
  last_modified TEXT,
  next_check_at TEXT,
  failure_count INTEGER NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  last_success_at TEXT,
  last_attempt_at TEXT,
  last_error_kind TEXT,
  last_error_message TEXT,
  warnings TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL
);

-- The descriptive part of events (title, description, place, url, kind, topics, cfp, organizer),
-- stored once per distinct text: the occurrences of a series share one row.
CREATE TABLE event_texts (
  id TEXT PRIMARY KEY,
  json TEXT NOT NULL
);

-- One row per occurrence as one source lists it. Rows that are the same event in several sources
-- share event_id; the id is stable: source + UID + recurrence id.
CREATE TABLE occurrences (
  id TEXT PRIMARY KEY,
  source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL,
  uid TEXT NOT NULL,
  recurrence_id TEXT,
  start TEXT,
  start_ms INTEGER,
  day TEXT,
  all_day INTEGER NOT NULL,
  title TEXT NOT NULL,
  url_key TEXT,
  place TEXT,
  online TEXT NOT NULL,
  status TEXT NOT NULL,
  text_id TEXT NOT NULL REFERENCES event_texts(id),
  record TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_changed TEXT NOT NULL
);

CREATE INDEX occurrences_source ON occurrences(source_id);
CREATE INDEX occurrences_start ON occurrences(start_ms);
