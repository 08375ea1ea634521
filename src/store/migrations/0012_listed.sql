-- Which occurrences the latest successful run of their source listed: a feed item is withdrawn only
-- when judged against the items listed in both runs (see store/withdrawn-items.ts). Rows stored
-- before this migration are marked unlisted, so the first run after it withdraws nothing; it only
-- records the listing that the next run is compared with.
ALTER TABLE occurrences ADD COLUMN listed INTEGER NOT NULL DEFAULT 0;
