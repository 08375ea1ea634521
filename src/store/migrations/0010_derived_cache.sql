-- Data derived from events and kept between processes (see core/derived-cache.ts): rebuilt from the
-- events whenever `stamp` is no longer the store's events stamp. An entry larger than a D1 row may hold
-- is split into numbered parts.
CREATE TABLE derived_cache (
  key TEXT NOT NULL,
  part INTEGER NOT NULL,
  stamp TEXT NOT NULL,
  bytes BLOB NOT NULL,
  PRIMARY KEY (key, part)
);

-- A page of events (`events --limit`, the shown results of a search) reads its events' rows by event id;
-- without this index each such read scanned the window's occurrences.
CREATE INDEX occurrences_event ON occurrences(event_id);

-- A second stamp beside 0006's: it moves only with writes that may change stored events (an ingest, a
-- removed source, re-placed texts). What is derived from events alone (the entries above) is keyed by it,
-- so a new user or a word of feedback does not rebuild them.
ALTER TABLE change_counter ADD COLUMN events_value INTEGER NOT NULL DEFAULT 0;
