// The first schema: sources and their poll state, mentions with FTS5 (trigram, so Chinese
// works), topics and links, per-minute rollups, light rules/states, alerts, boards, settings.
export const up = /* sql */ `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE sources (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL,
  config        TEXT NOT NULL,
  enabled       INTEGER NOT NULL DEFAULT 1,
  interval_sec  INTEGER NOT NULL,
  created_at    INTEGER NOT NULL,
  removed_at    INTEGER,
  -- poll state: data, not scattered logic
  state                TEXT NOT NULL DEFAULT 'idle',
  cursor               TEXT,
  etag                 TEXT,
  last_modified        TEXT,
  last_check_at        INTEGER,
  last_success_at      INTEGER,
  last_error_at        INTEGER,
  last_error           TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  next_check_at        INTEGER,
  paused_reason        TEXT,
  items_total          INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX sources_live_name ON sources(name) WHERE removed_at IS NULL;

CREATE TABLE mentions (
  id              INTEGER PRIMARY KEY,
  source_id       INTEGER NOT NULL REFERENCES sources(id),
  guid            TEXT NOT NULL,
  content_hash    TEXT NOT NULL,
  url             TEXT,
  title           TEXT,
  text            TEXT NOT NULL,
  html            TEXT,
  author          TEXT,
  lang            TEXT NOT NULL,
  published_at    INTEGER NOT NULL,
  fetched_at      INTEGER NOT NULL,
  sentiment       REAL NOT NULL,
  label           INTEGER NOT NULL CHECK (label IN (-1, 0, 1)),
  label_corrected INTEGER NOT NULL DEFAULT 0,
  emotions        TEXT,
  reach           INTEGER NOT NULL DEFAULT 0,
  tags            TEXT,
  UNIQUE (source_id, guid)
);
CREATE INDEX mentions_published ON mentions(published_at);
CREATE INDEX mentions_hash ON mentions(content_hash);

CREATE VIRTUAL TABLE mentions_fts USING fts5(
  title, text, author,
  content = 'mentions', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER mentions_fts_ai AFTER INSERT ON mentions BEGIN
  INSERT INTO mentions_fts(rowid, title, text, author) VALUES (new.id, new.title, new.text, new.author);
END;
CREATE TRIGGER mentions_fts_ad AFTER DELETE ON mentions BEGIN
  INSERT INTO mentions_fts(mentions_fts, rowid, title, text, author)
    VALUES ('delete', old.id, old.title, old.text, old.author);
END;
CREATE TRIGGER mentions_fts_au AFTER UPDATE OF title, text, author ON mentions BEGIN
  INSERT INTO mentions_fts(mentions_fts, rowid, title, text, author)
    VALUES ('delete', old.id, old.title, old.text, old.author);
  INSERT INTO mentions_fts(rowid, title, text, author) VALUES (new.id, new.title, new.text, new.author);
END;

CREATE TABLE topics (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  query      TEXT NOT NULL,
  color      TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE mention_topics (
  topic_id   INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  mention_id INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
  PRIMARY KEY (topic_id, mention_id)
) WITHOUT ROWID;
CREATE INDEX mention_topics_mention ON mention_topics(mention_id);

-- Per-minute rollups, written in the same transaction as the mentions they count.
CREATE TABLE rollup_topic_minute (
  topic_id INTEGER NOT NULL,
  minute   INTEGER NOT NULL,
  count    INTEGER NOT NULL,
  pos      INTEGER NOT NULL,
  neu      INTEGER NOT NULL,
  neg      INTEGER NOT NULL,
  sent_sum REAL NOT NULL,
  joy REAL NOT NULL DEFAULT 0, anger REAL NOT NULL DEFAULT 0, sadness REAL NOT NULL DEFAULT 0,
  fear REAL NOT NULL DEFAULT 0, disgust REAL NOT NULL DEFAULT 0, surprise REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (topic_id, minute)
) WITHOUT ROWID;

CREATE TABLE rollup_source_minute (
  source_id INTEGER NOT NULL,
  minute    INTEGER NOT NULL,
  count     INTEGER NOT NULL,
  pos       INTEGER NOT NULL,
  neu       INTEGER NOT NULL,
  neg       INTEGER NOT NULL,
  sent_sum  REAL NOT NULL,
  joy REAL NOT NULL DEFAULT 0, anger REAL NOT NULL DEFAULT 0, sadness REAL NOT NULL DEFAULT 0,
  fear REAL NOT NULL DEFAULT 0, disgust REAL NOT NULL DEFAULT 0, surprise REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (source_id, minute)
) WITHOUT ROWID;

CREATE TABLE light_rules (
  id              INTEGER PRIMARY KEY,
  topic_id        INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  name            TEXT NOT NULL DEFAULT '',
  window_min      INTEGER NOT NULL,
  volume_yellow   INTEGER,
  volume_red      INTEGER,
  neg_yellow      REAL,
  neg_red         REAL,
  min_volume      INTEGER NOT NULL,
  stale_after_min INTEGER NOT NULL,
  enabled         INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE light_states (
  rule_id      INTEGER PRIMARY KEY REFERENCES light_rules(id) ON DELETE CASCADE,
  color        TEXT NOT NULL,
  since        INTEGER NOT NULL,
  volume       INTEGER NOT NULL,
  neg_share    REAL,
  net          REAL,
  newest_at    INTEGER,
  reason       TEXT NOT NULL,
  evaluated_at INTEGER NOT NULL
);

CREATE TABLE alerts (
  id              INTEGER PRIMARY KEY,
  rule_id         INTEGER NOT NULL,
  topic_id        INTEGER NOT NULL,
  topic_name      TEXT NOT NULL,
  at              INTEGER NOT NULL,
  from_color      TEXT NOT NULL,
  to_color        TEXT NOT NULL,
  reason          TEXT NOT NULL,
  volume          INTEGER NOT NULL,
  neg_share       REAL,
  acknowledged_at INTEGER,
  note            TEXT
);
CREATE INDEX alerts_at ON alerts(at);

CREATE TABLE boards (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  panels     TEXT NOT NULL,
  is_default INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);
`;
