-- API users: a profile (the same JSON as a profile file) and the hashes of their personal API key and of
-- their secret feed token (calendar and feed URLs). Keys and tokens themselves are never stored.
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  profile TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  feed_token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
