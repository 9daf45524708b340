// What each source has brought (`sources.items_total`, the "n mentions" on its Sources row) was
// added by polls and by watched files' and pushes' successes only: a file imported by hand or
// with `fenghuo import` stored its rows and left its source at 0 ("never succeeded · 0"). The
// count is now kept where mentions are stored (Mentions.insertMany, whatever brought them); an
// older file takes it from the source rollups, which hold every mention ever stored —
// archived ones too — and never less than what the source had counted itself.
export const up = /* sql */ `
UPDATE sources SET items_total = max(items_total,
  (SELECT coalesce(sum(count), 0) FROM rollup_source_minute r WHERE r.source_id = sources.id));
`;
