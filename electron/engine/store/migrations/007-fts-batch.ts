// Batched full-text indexing: the per-row insert trigger goes; Mentions.insertMany indexes
// each batch's new rows with one INSERT … SELECT in the same transaction (about half the FTS5
// CPU of a trigger per row, measured in tests/bench). Nothing is rebuilt: the index already
// holds every stored mention, so upgrading is instant at any size. Delete and update still
// go through their triggers (rare, one row at a time).
export const up = /* sql */ `
DROP TRIGGER IF EXISTS mentions_fts_ai;
`;
