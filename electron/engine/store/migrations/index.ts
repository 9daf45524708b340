// Numbered migrations, applied in order, one transaction each (PRAGMA user_version).
import { up as m001 } from './001-initial';
import { up as m002 } from './002-sources';
import { up as m003 } from './003-lights';
import { up as m004 } from './004-annotations';
import { up as m005 } from './005-places';
import { up as m006 } from './006-topic-archive';
import { up as m007 } from './007-fts-batch';
import { up as m008 } from './008-retention';
import { up as m009 } from './009-no-search-index';
import { up as m010 } from './010-mention-count';
import { up as m011 } from './011-topic-hours';
import { up as m012 } from './012-source-items';

export const migrations: { version: number; name: string; up: string }[] = [
  { version: 1, name: 'initial', up: m001 },
  { version: 2, name: 'sources', up: m002 },
  { version: 3, name: 'lights', up: m003 },
  { version: 4, name: 'annotations', up: m004 },
  { version: 5, name: 'places', up: m005 },
  { version: 6, name: 'topic-archive', up: m006 },
  { version: 7, name: 'fts-batch', up: m007 },
  { version: 8, name: 'retention', up: m008 },
  { version: 9, name: 'no-search-index', up: m009 },
  { version: 10, name: 'mention-count', up: m010 },
  { version: 11, name: 'topic-hours', up: m011 },
  { version: 12, name: 'source-items', up: m012 },
];
