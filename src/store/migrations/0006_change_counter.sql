-- A counter bumped in the same atomic write as every change to sources, events, users and feedback:
-- what `changeStamp()` answers, so a cache keyed on it notices writes by any process. SQLite's
-- data_version would do on one machine; D1 has no such thing, and a stored counter works on both.
CREATE TABLE change_counter (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  value INTEGER NOT NULL
);

INSERT INTO change_counter (id, value) VALUES (1, 0);
