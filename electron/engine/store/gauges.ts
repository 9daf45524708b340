// Gauges (crowd at a venue, follower counts, ticket queues) and their readings over time.
import type { Gauge, GaugeSeries } from '../../../shared/types';
import type { Db } from './db';

interface GaugeRow {
  id: number;
  name: string;
  unit: string;
  capacity: number;
  last_value: number | null;
  last_at: number | null;
}

const toGauge = (r: GaugeRow): Gauge => ({
  id: r.id,
  name: r.name,
  unit: r.unit,
  capacity: r.capacity,
  lastValue: r.last_value,
  lastAt: r.last_at,
});

const SELECT = `SELECT g.id, g.name, g.unit, g.capacity,
  (SELECT value FROM gauge_readings r WHERE r.gauge_id = g.id ORDER BY at DESC LIMIT 1) AS last_value,
  (SELECT max(at) FROM gauge_readings r WHERE r.gauge_id = g.id) AS last_at
  FROM gauges g`;

export function gaugesRepo(db: Db) {
  const all = db.prepare(`${SELECT} ORDER BY g.name`);
  const byName = db.prepare(`${SELECT} WHERE g.name = ?`);
  const byId = db.prepare(`${SELECT} WHERE g.id = ?`);
  const insert = db.prepare(`INSERT INTO gauges (name, unit, capacity) VALUES (?, ?, ?)`);
  const setMeta = db.prepare(`UPDATE gauges SET unit = coalesce(?, unit), capacity = coalesce(?, capacity) WHERE id = ?`);
  const reading = db.prepare(
    `INSERT INTO gauge_readings (gauge_id, at, value) VALUES (?, ?, ?)
     ON CONFLICT (gauge_id, at) DO UPDATE SET value = excluded.value`,
  );
  const raw = db.prepare(`SELECT at, value FROM gauge_readings WHERE gauge_id = ? AND at >= ? AND at < ? ORDER BY at LIMIT 20000`);
  const bucketed = db.prepare(
    `SELECT g.b AS b, g.min AS min, g.max AS max, r.value AS value FROM (
       SELECT CAST((at - @from) / @bucket AS INTEGER) AS b, max(at) AS last_at, min(value) AS min, max(value) AS max
       FROM gauge_readings WHERE gauge_id = @id AND at >= @from AND at < @to GROUP BY b
     ) g JOIN gauge_readings r ON r.gauge_id = @id AND r.at = g.last_at ORDER BY g.b`,
  );

  return {
    list: (): Gauge[] => (all.all() as GaugeRow[]).map(toGauge),
    byName(name: string): Gauge | null {
      const r = byName.get(name) as GaugeRow | undefined;
      return r ? toGauge(r) : null;
    },
    get(id: number): Gauge | null {
      const r = byId.get(id) as GaugeRow | undefined;
      return r ? toGauge(r) : null;
    },
    /**
     * Create the gauge if needed (a new gauge needs a capacity) or update its unit/capacity,
     * and store readings; a second reading at the same instant replaces the first.
     */
    record(
      name: string,
      meta: { unit?: string | undefined; capacity?: number | undefined },
      readings: { at: number; value: number }[],
    ): Gauge {
      return db.transaction(() => {
        let g = byName.get(name) as GaugeRow | undefined;
        if (!g) {
          if (meta.capacity === undefined) {
            throw new Error(`gauge "${name}" does not exist yet: give its capacity (what 100% means) to create it`);
          }
          insert.run(name, meta.unit ?? '', meta.capacity);
        } else if (meta.unit !== undefined || meta.capacity !== undefined) {
          setMeta.run(meta.unit ?? null, meta.capacity ?? null, g.id);
        }
        g = byName.get(name) as GaugeRow;
        for (const r of readings) reading.run(g.id, Math.round(r.at), r.value);
        return toGauge(byName.get(name) as GaugeRow);
      })();
    },
    series(gauge: Gauge, from: number, to: number, bucketMs: number | null): GaugeSeries {
      const points = bucketMs
        ? (bucketed.all({ from, bucket: bucketMs, id: gauge.id, to }) as { b: number; value: number; min: number; max: number }[]).map(
            (r) => ({ at: from + r.b * bucketMs, value: r.value, min: r.min, max: r.max }),
          )
        : (raw.all(gauge.id, from, to) as { at: number; value: number }[]).map((r) => ({
            at: r.at,
            value: r.value,
            min: r.value,
            max: r.value,
          }));
      return { gauge, from, to, bucketMs, points };
    },
  };
}
