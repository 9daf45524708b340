// Gauges (crowd at a venue, follower counts, ticket queues) and their readings over time. A gauge
// is also a place: a position, the shares of capacity for its lamp, and how long it may be silent.
// Every read is "as of" a time, so presenter mode and replays see a place as it was then.
import type { GaugeSeries } from '../../../shared/types';
import { placeLamp, readingProblem, type Place, type PlaceInput, type PlacePatch } from '../../../shared/gauges';
import type { Db } from './db';

interface GaugeRow {
  id: number;
  name: string;
  unit: string;
  capacity: number;
  lat: number | null;
  lon: number | null;
  yellow: number;
  red: number;
  stale_after_min: number;
  last_value: number | null;
  last_at: number | null;
}

/** A place cannot be saved as asked; `field` names what is wrong. */
export class PlaceError extends Error {
  constructor(
    readonly field: 'name' | 'red',
    message: string,
  ) {
    super(message);
  }
}

/** "No cap": every stored reading counts. */
const EVER = Number.MAX_SAFE_INTEGER;

const toPlace = (r: GaugeRow, now: number): Place => {
  const p = {
    id: r.id,
    name: r.name,
    unit: r.unit,
    capacity: r.capacity,
    lastValue: r.last_value,
    lastAt: r.last_at,
    lat: r.lat,
    lon: r.lon,
    yellow: r.yellow,
    red: r.red,
    staleAfterMin: r.stale_after_min,
  };
  return { ...p, occupancy: r.last_value === null ? null : r.last_value / r.capacity, lamp: placeLamp(p, now) };
};

const SELECT = `SELECT g.id, g.name, g.unit, g.capacity, g.lat, g.lon, g.yellow, g.red, g.stale_after_min,
  (SELECT value FROM gauge_readings r WHERE r.gauge_id = g.id AND r.at <= @at ORDER BY at DESC LIMIT 1) AS last_value,
  (SELECT max(at) FROM gauge_readings r WHERE r.gauge_id = g.id AND r.at <= @at) AS last_at
  FROM gauges g`;

export function gaugesRepo(db: Db) {
  const all = db.prepare(`${SELECT} ORDER BY g.name`);
  const byName = db.prepare(`${SELECT} WHERE g.name = @name`);
  const byId = db.prepare(`${SELECT} WHERE g.id = @id`);
  const insert = db.prepare(
    `INSERT INTO gauges (name, unit, capacity, lat, lon, yellow, red, stale_after_min)
     VALUES (@name, @unit, @capacity, @lat, @lon, @yellow, @red, @staleAfterMin)`,
  );
  const setMeta = db.prepare(`UPDATE gauges SET unit = coalesce(?, unit), capacity = coalesce(?, capacity) WHERE id = ?`);
  const patch = db.prepare(
    `UPDATE gauges SET name = @name, unit = @unit, capacity = @capacity, lat = @lat, lon = @lon, yellow = @yellow, red = @red,
     stale_after_min = @staleAfterMin WHERE id = @id`,
  );
  const remove = db.prepare(`DELETE FROM gauges WHERE id = ?`);
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
  // The last reading per gauge and bucket, for every gauge at once (the places panel's sparklines).
  const trends = db.prepare(
    `SELECT g.gauge_id AS id, g.last_at AS at, r.value AS value FROM (
       SELECT gauge_id, CAST((at - @from) / @bucket AS INTEGER) AS b, max(at) AS last_at
       FROM gauge_readings WHERE at >= @from AND at <= @to GROUP BY gauge_id, b
     ) g JOIN gauge_readings r ON r.gauge_id = g.gauge_id AND r.at = g.last_at ORDER BY g.gauge_id, g.last_at`,
  );

  const rowByName = (name: string, at = EVER) => byName.get({ name, at }) as GaugeRow | undefined;

  return {
    /** Every place as of `at` (default: with every stored reading; the lamp then judged at `now`). */
    list(at?: number, now = at ?? Date.now()): Place[] {
      return (all.all({ at: at ?? EVER }) as GaugeRow[]).map((r) => toPlace(r, now));
    },
    byName(name: string, at?: number): Place | null {
      const r = rowByName(name, at);
      return r ? toPlace(r, at ?? Date.now()) : null;
    },
    get(id: number, at?: number): Place | null {
      const r = byId.get({ id, at: at ?? EVER }) as GaugeRow | undefined;
      return r ? toPlace(r, at ?? Date.now()) : null;
    },
    /** A new place; a name already taken is refused (names are how pushes address places). */
    add(p: PlaceInput): Place {
      if (rowByName(p.name)) throw new PlaceError('name', `a place named "${p.name}" already exists`);
      const id = Number(insert.run(p).lastInsertRowid);
      return toPlace(byId.get({ id, at: EVER }) as GaugeRow, Date.now());
    },
    /** Change what is given; the readings stay. Null when there is no such place. */
    update(p: PlacePatch): Place | null {
      const cur = byId.get({ id: p.id, at: EVER }) as GaugeRow | undefined;
      if (!cur) return null;
      const next = {
        id: p.id,
        name: p.name ?? cur.name,
        unit: p.unit ?? cur.unit,
        capacity: p.capacity ?? cur.capacity,
        lat: p.lat === undefined ? cur.lat : p.lat,
        lon: p.lon === undefined ? cur.lon : p.lon,
        yellow: p.yellow ?? cur.yellow,
        red: p.red ?? cur.red,
        staleAfterMin: p.staleAfterMin ?? cur.stale_after_min,
      };
      if (next.red <= next.yellow) throw new PlaceError('red', `red (${next.red}) must be a larger share than yellow (${next.yellow})`);
      const other = rowByName(next.name);
      if (other && other.id !== p.id) throw new PlaceError('name', `a place named "${next.name}" already exists`);
      patch.run(next);
      return toPlace(byId.get({ id: p.id, at: EVER }) as GaugeRow, Date.now());
    },
    /** Remove a place and its readings. */
    remove: (id: number): boolean => remove.run(id).changes > 0,
    /**
     * Store readings for a place, creating it when it is new and a capacity is given, or update
     * its unit/capacity. Every reading is checked first (a number, not negative, not in the
     * future of `now`): one bad reading stores nothing of the batch. A second reading at the
     * same instant replaces the first.
     */
    record(
      name: string,
      meta: { unit?: string | undefined; capacity?: number | undefined },
      readings: { at: number; value: number }[],
      now = Date.now(),
    ): Place {
      readings.forEach((r, i) => {
        const problem = readingProblem(r, now);
        if (problem) throw new Error(readings.length > 1 ? `reading ${i + 1}: ${problem}` : problem);
      });
      return db.transaction(() => {
        let g = rowByName(name);
        if (!g) {
          if (meta.capacity === undefined) {
            throw new Error(`there is no place "${name}": add it first (name, capacity, coordinates) or give its capacity (what 100% means) to create it`);
          }
          insert.run({ name, unit: meta.unit ?? '', capacity: meta.capacity, lat: null, lon: null, yellow: 0.6, red: 0.85, staleAfterMin: 15 });
        } else if (meta.unit !== undefined || meta.capacity !== undefined) {
          setMeta.run(meta.unit ?? null, meta.capacity ?? null, g.id);
        }
        g = rowByName(name)!;
        for (const r of readings) reading.run(g.id, Math.round(r.at), r.value);
        return toPlace(rowByName(name, now)!, now);
      })();
    },
    /** The last reading per `bucketMs` of every place in [from, to], by place id. */
    trends(from: number, to: number, bucketMs: number): Map<number, { at: number; value: number }[]> {
      const out = new Map<number, { at: number; value: number }[]>();
      for (const r of trends.all({ from, to, bucket: bucketMs }) as { id: number; at: number; value: number }[]) {
        const list = out.get(r.id) ?? out.set(r.id, []).get(r.id)!;
        list.push({ at: r.at, value: r.value });
      }
      return out;
    },
    series(gauge: Place, from: number, to: number, bucketMs: number | null): GaugeSeries {
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
