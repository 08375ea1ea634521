-- Server settings such as the admin key's hash (never the key itself).
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
