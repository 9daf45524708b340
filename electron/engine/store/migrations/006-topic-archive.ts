// Archived topics: an archived topic tags no new mentions and leaves the wall and the lights,
// and keeps its history, links and rules, so un-archiving brings it back as it was.
export const up = /* sql */ `
ALTER TABLE topics ADD COLUMN archived_at INTEGER;
`;
