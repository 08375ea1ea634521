-- When a feed item was published, so an item that leaves a rolling feed can be told from one its
-- source withdrew: gone while newer than the oldest item still in the feed, it is marked
-- status = 'withdrawn' (kept, shown as such, never picked); older, it just scrolled out and stays.
ALTER TABLE occurrences ADD COLUMN published_ms INTEGER;
