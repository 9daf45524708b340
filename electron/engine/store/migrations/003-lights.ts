// Lights that operators trust: rules watch one metric (volume against its baseline, spike,
// negative share, net sentiment, gauge occupancy, source staleness, a count) for a topic, a
// source, a gauge or the whole station, and carry persistence, hysteresis, cooldown, severity
// and a notification cap. Light states keep the pending-rise streaks; alerts keep the value,
// the baseline, severity, whether they notified, and their evidence. Gauges (a number at a
// time with a capacity) get their tables.
//
// light_rules is rebuilt because topic_id becomes nullable (a source rule has no topic).
// light_states references it, so it is set aside and rebuilt too: dropping the parent with
// foreign keys on would cascade the states away.
export const up = /* sql */ `
CREATE TABLE light_rules_003 (
  id              INTEGER PRIMARY KEY,
  topic_id        INTEGER REFERENCES topics(id) ON DELETE CASCADE,
  name            TEXT NOT NULL DEFAULT '',
  window_min      INTEGER NOT NULL,
  volume_yellow   INTEGER,
  volume_red      INTEGER,
  neg_yellow      REAL,
  neg_red         REAL,
  min_volume      INTEGER NOT NULL,
  stale_after_min INTEGER NOT NULL,
  enabled         INTEGER NOT NULL DEFAULT 1,
  metric          TEXT NOT NULL DEFAULT 'thresholds',
  scope           TEXT NOT NULL DEFAULT 'topic',
  scope_id        INTEGER,
  yellow          REAL,
  red             REAL,
  baseline        TEXT NOT NULL DEFAULT 'same_hour',
  baseline_days   INTEGER NOT NULL DEFAULT 7,
  baseline_hours  INTEGER NOT NULL DEFAULT 24,
  persistence     INTEGER NOT NULL DEFAULT 1,
  hysteresis      REAL NOT NULL DEFAULT 0.1,
  cooldown_min    INTEGER NOT NULL DEFAULT 0,
  severity        TEXT NOT NULL DEFAULT 'warning',
  notify_per_hour INTEGER NOT NULL DEFAULT 4
);
INSERT INTO light_rules_003 (id, topic_id, name, window_min, volume_yellow, volume_red, neg_yellow, neg_red,
  min_volume, stale_after_min, enabled, scope_id)
  SELECT id, topic_id, name, window_min, volume_yellow, volume_red, neg_yellow, neg_red,
    min_volume, stale_after_min, enabled, topic_id FROM light_rules;

CREATE TEMP TABLE light_states_kept AS SELECT * FROM light_states;
DROP TABLE light_states;
DROP TABLE light_rules;
ALTER TABLE light_rules_003 RENAME TO light_rules;

CREATE TABLE light_states (
  rule_id       INTEGER PRIMARY KEY REFERENCES light_rules(id) ON DELETE CASCADE,
  color         TEXT NOT NULL,
  since         INTEGER NOT NULL,
  volume        INTEGER NOT NULL,
  neg_share     REAL,
  net           REAL,
  newest_at     INTEGER,
  reason        TEXT NOT NULL,
  evaluated_at  INTEGER NOT NULL,
  value         REAL,
  baseline      REAL,
  -- consecutive evaluations at or above yellow / at red: a rise persists when these reach
  -- the rule's persistence
  streak_yellow INTEGER NOT NULL DEFAULT 0,
  streak_red    INTEGER NOT NULL DEFAULT 0
);
INSERT INTO light_states (rule_id, color, since, volume, neg_share, net, newest_at, reason, evaluated_at)
  SELECT rule_id, color, since, volume, neg_share, net, newest_at, reason, evaluated_at FROM light_states_kept;
DROP TABLE light_states_kept;

ALTER TABLE alerts ADD COLUMN label TEXT NOT NULL DEFAULT '';
ALTER TABLE alerts ADD COLUMN scope TEXT NOT NULL DEFAULT 'topic';
ALTER TABLE alerts ADD COLUMN scope_id INTEGER;
ALTER TABLE alerts ADD COLUMN metric TEXT NOT NULL DEFAULT 'thresholds';
ALTER TABLE alerts ADD COLUMN value REAL;
ALTER TABLE alerts ADD COLUMN baseline REAL;
ALTER TABLE alerts ADD COLUMN severity TEXT NOT NULL DEFAULT 'info';
ALTER TABLE alerts ADD COLUMN notify INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alerts ADD COLUMN evidence TEXT;
UPDATE alerts SET label = topic_name, scope_id = topic_id;
CREATE INDEX alerts_rule_at ON alerts(rule_id, at);
CREATE INDEX alerts_unacked ON alerts(rule_id) WHERE acknowledged_at IS NULL;

CREATE TABLE gauges (
  id       INTEGER PRIMARY KEY,
  name     TEXT NOT NULL UNIQUE,
  unit     TEXT NOT NULL DEFAULT '',
  capacity REAL NOT NULL CHECK (capacity > 0)
);
CREATE TABLE gauge_readings (
  gauge_id INTEGER NOT NULL REFERENCES gauges(id) ON DELETE CASCADE,
  at       INTEGER NOT NULL,
  value    REAL NOT NULL,
  PRIMARY KEY (gauge_id, at)
) WITHOUT ROWID;
`;
