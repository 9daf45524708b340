// The FTS5 trigram index goes. Explore's search speaks the topic language (boolean, phrases,
// exclusions, 繁↔简 folding) and runs the topic matcher over the stored rows
// (api/mention-query.ts); the index answered only the store's own substring filter, which no
// api call used any more. Yet every stored mention paid for it: about 32 µs of CPU each, more
// than the row, its indexes and the rollups together, and about half of the file's bytes per
// mention. Search answers exactly as before (tests/unit/store-search-index.test.ts). Dropping
// frees the index's pages inside the file for new rows; the file does not shrink.
export const up = /* sql */ `
DROP TRIGGER IF EXISTS mentions_fts_ai;
DROP TRIGGER IF EXISTS mentions_fts_ad;
DROP TRIGGER IF EXISTS mentions_fts_au;
DROP TABLE IF EXISTS mentions_fts;
`;
