-- Data derived from events and kept between processes (see core/derived-cache.ts): rebuilt from the
-- events whenever `stamp` is no longer the store's change stamp. An entry larger than a D1 row may hold
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
