// Annotations: a note pinned to a moment ("press conference", "statement issued"), shown as
// a marker on volume charts in presenter mode and on the wall.
export const up = /* sql */ `
CREATE TABLE annotations (
  id         INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  text       TEXT NOT NULL,
  topic_id   INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX annotations_at ON annotations(at);
`;
