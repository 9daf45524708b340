// Storage failures in plain words: what the operator reads on the station light.
import { describe, expect, it } from 'vitest';
import { describeStorageError } from '../../electron/engine/store/backup';

const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('a storage failure', () => {
  it('reads "disk full" with the data folder and SQLite\'s own words', () => {
    expect(describeStorageError(sqliteError('SQLITE_FULL', 'database or disk is full'), '/srv/station')).toBe(
      'disk full: /srv/station: database or disk is full (SQLITE_FULL)',
    );
  });

  it('names extended I/O codes and a read-only disk', () => {
    expect(describeStorageError(sqliteError('SQLITE_IOERR_WRITE', 'disk I/O error'), '/d')).toMatch(/^disk error: \/d: /);
    expect(describeStorageError(sqliteError('SQLITE_READONLY', 'attempt to write a readonly database'), '/d')).toMatch(
      /^storage is read-only: /,
    );
    expect(describeStorageError(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }), '/d')).toMatch(
      /^disk full: /,
    );
  });

  it('leaves every other error alone (a bug must not pass for a full disk)', () => {
    expect(describeStorageError(sqliteError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed'), '/d')).toBeNull();
    expect(describeStorageError(new TypeError('x is undefined'), '/d')).toBeNull();
    expect(describeStorageError(null, '/d')).toBeNull();
  });
});
