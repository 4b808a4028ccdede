import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { InputError } from '../core/errors.ts';
import { APPLICATION_ID, migrate, readVersion, SCHEMA_VERSION } from './migrations.ts';
import { Store } from './store.ts';

export interface OpenStoreOptions {
  /** Open without writing anything; the file must exist and already be at the current schema. */
  readonly?: boolean;
}

/**
 * Opens (creating if needed) the results database at `path` and brings its schema up to date.
 * Refuses, with an `InputError` naming the path, anything that is not a codebench database.
 */
export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  const readonly = options.readonly ?? false;
  if (readonly && !existsSync(path)) {
    throw new InputError(`${path}: no such file, so there is no codebench database to read`);
  }
  if (!readonly) mkdirSync(dirname(path), { recursive: true });

  let db: Database;
  try {
    db = new BetterSqlite3(path, { readonly, fileMustExist: readonly });
  } catch (error) {
    throw new InputError(`${path}: cannot open: ${messageOf(error)}`, { cause: error });
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Identify before changing anything, so a foreign file is left exactly as it was.
    checkIdentity(db, path, readonly);
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      // In WAL mode NORMAL still survives kill -9 (a commit is in the WAL before the call returns);
      // only a power loss can drop the last commits. FULL's fsync per sample capped a run's request rate.
      db.pragma('synchronous = NORMAL');
      migrate(db);
    }
    db.pragma('foreign_keys = ON');
    return new Store(db, path);
  } catch (error) {
    db.close();
    if (error instanceof InputError) throw error;
    if (sqliteCode(error) === 'SQLITE_NOTADB') {
      throw new InputError(`${path}: not a codebench database (not an SQLite file)`, { cause: error });
    }
    throw new InputError(`${path}: cannot open: ${messageOf(error)}`, { cause: error });
  }
}

function checkIdentity(db: Database, path: string, readonly: boolean): void {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const version = readVersion(db);
  if (applicationId === APPLICATION_ID) {
    if (version > SCHEMA_VERSION) {
      throw new InputError(
        `${path}: schema version ${version} is newer than this codebench (${SCHEMA_VERSION}); upgrade codebench`,
      );
    }
    if (readonly && version < SCHEMA_VERSION) {
      throw new InputError(
        `${path}: schema version ${version} is older than this codebench (${SCHEMA_VERSION}) ` +
          'and a read-only open cannot upgrade it; open it once for writing',
      );
    }
    return;
  }
  const tables = db
    .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all();
  if (applicationId !== 0) {
    throw new InputError(
      `${path}: not a codebench database (SQLite application id 0x${applicationId.toString(16)} belongs to another program)`,
    );
  }
  if (tables.length > 0 || version !== 0) {
    const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', ...' : '');
    throw new InputError(
      `${path}: not a codebench database (an SQLite database with ${tables.length > 0 ? `tables ${shown}` : `user_version ${version}`})`,
    );
  }
  if (readonly) throw new InputError(`${path}: not a codebench database (an empty SQLite database)`);
}

function sqliteCode(error: unknown): unknown {
  return error instanceof Error ? (error as { code?: unknown }).code : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
