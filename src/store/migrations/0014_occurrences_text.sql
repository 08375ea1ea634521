-- Every occurrence references its shared text; without this index, deleting the texts a re-ingest left
-- unused checked that foreign key by scanning every occurrence once per deleted text (quadratic: 20,000
-- changed titles held the write lock for over a minute).
CREATE INDEX occurrences_text ON occurrences(text_id);
