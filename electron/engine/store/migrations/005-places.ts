// Places: a gauge gets a position on the map (WGS84 lat/lon, absent for gauges that never had
// one), the shares of its capacity at which its lamp turns yellow and red (presets 60% / 85%),
// and how long its counter may be silent before the lamp is gray.
export const up = /* sql */ `
ALTER TABLE gauges ADD COLUMN lat REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90);
ALTER TABLE gauges ADD COLUMN lon REAL CHECK (lon IS NULL OR lon BETWEEN -180 AND 180);
ALTER TABLE gauges ADD COLUMN yellow REAL NOT NULL DEFAULT 0.6 CHECK (yellow > 0);
ALTER TABLE gauges ADD COLUMN red REAL NOT NULL DEFAULT 0.85 CHECK (red > 0);
ALTER TABLE gauges ADD COLUMN stale_after_min REAL NOT NULL DEFAULT 15 CHECK (stale_after_min > 0);
`;
