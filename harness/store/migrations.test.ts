import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, MIGRATIONS, migrate, type Migration, readVersion, SCHEMA_VERSION } from './migrations.ts';
import { openStore } from './open-store.ts';
import { makeSample, makeSpec, makeTempDir } from './test-fixtures.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeTempDir()));
afterEach(() => cleanup());

function tableNames(db: Database): string[] {
  return db
    .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .pluck()
    .all();
}

const ADD_NOTES: Migration = {
  version: SCHEMA_VERSION + 1,
  name: 'run notes',
  up: (db) => db.exec('ALTER TABLE runs ADD COLUMN notes TEXT'),
};

describe('migrations', () => {
  it('are numbered 1, 2, 3, ... in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('turn an empty SQLite file into a codebench database, and reopening changes nothing', () => {
    const path = join(dir, 'results.db');
    writeFileSync(path, '');
    openStore(path).close();

    const raw = new BetterSqlite3(path);
    expect(readVersion(raw)).toBe(SCHEMA_VERSION);
    expect(raw.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(tableNames(raw)).toEqual(['completions', 'conformance_runs', 'model_configs', 'run_configs', 'run_time_limits', 'runs', 'samples', 'time_calibrations']);
    const schema = raw.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();
    raw.close();

    const store = openStore(path);
    const runId = store.createRun(makeSpec(), { host: 'box-1' });
    store.recordSample(makeSample(runId));
    store.close();
    const again = openStore(path);
    expect(again.listSamples(runId)).toHaveLength(1);
    again.close();

    const after = new BetterSqlite3(path);
    expect(after.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all()).toEqual(schema);
    after.close();
  });

  it('upgrade an older database in place, running only the steps it lacks and keeping its data', () => {
    const path = join(dir, 'results.db');
    const store = openStore(path);
    const runId = store.createRun(makeSpec(), { host: 'box-1' });
    store.close();

    const raw = new BetterSqlite3(path);
    migrate(raw, [...MIGRATIONS, ADD_NOTES]);
    expect(readVersion(raw)).toBe(SCHEMA_VERSION + 1);
    expect(raw.prepare('SELECT id, notes FROM runs').all()).toEqual([{ id: runId, notes: null }]);
    migrate(raw, [...MIGRATIONS, ADD_NOTES]);
    expect(readVersion(raw)).toBe(SCHEMA_VERSION + 1);
    raw.close();
  });

  it('roll back a failing step completely, leaving the version where it was', () => {
    const path = join(dir, 'results.db');
    openStore(path).close();
    const broken: Migration = {
      version: SCHEMA_VERSION + 1,
      name: 'half done',
      up(db) {
        db.exec('CREATE TABLE drift (id INTEGER PRIMARY KEY)');
        db.exec('ALTER TABLE no_such_table ADD COLUMN x TEXT');
      },
    };

    const raw = new BetterSqlite3(path);
    expect(() => migrate(raw, [...MIGRATIONS, broken])).toThrow(/no such table: no_such_table/);
    expect(readVersion(raw)).toBe(SCHEMA_VERSION);
    expect(tableNames(raw)).not.toContain('drift');
    expect(raw.inTransaction).toBe(false);
    raw.close();
  });

  it('refuse a step that would leave dangling foreign keys', () => {
    const path = join(dir, 'results.db');
    openStore(path).close();
    const dangling: Migration = {
      version: SCHEMA_VERSION + 1,
      name: 'orphan link',
      up: (db) => db.exec("INSERT INTO run_configs (run_id, config_id, position) VALUES ('ghost', 'ghost', 0)"),
    };

    const raw = new BetterSqlite3(path);
    expect(() => migrate(raw, [...MIGRATIONS, dangling])).toThrow(/left 2 foreign key violations/);
    expect(raw.prepare('SELECT count(*) FROM run_configs').pluck().get()).toBe(0);
    expect(readVersion(raw)).toBe(SCHEMA_VERSION);
    raw.close();
  });

  it('reject a list whose versions are out of order', () => {
    const raw = new BetterSqlite3(':memory:');
    expect(() => migrate(raw, [{ ...ADD_NOTES, version: 7 }])).toThrow(/has version 7, expected 1/);
    expect(readVersion(raw)).toBe(0);
    raw.close();
  });
});
