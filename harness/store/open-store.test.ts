import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import { APPLICATION_ID, SCHEMA_VERSION } from './migrations.ts';
import { openStore } from './open-store.ts';
import { makeSample, makeSpec, makeTempDir } from './test-fixtures.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeTempDir()));
afterEach(() => cleanup());

function openError(path: string, options?: { readonly?: boolean }): InputError {
  try {
    openStore(path, options).close();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error(`expected openStore(${path}) to fail`);
}

describe('openStore', () => {
  it('creates parent directories and a WAL database that persists across reopen', () => {
    const path = join(dir, 'nested', 'deeper', 'results.db');
    const store = openStore(path);
    const runId = store.createRun(makeSpec(), { host: 'box-1' });
    store.recordSample(makeSample(runId));
    store.close();

    const raw = new BetterSqlite3(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    raw.close();

    const again = openStore(path);
    expect(again.getRun(runId)?.status).toBe('running');
    expect(again.listSamples(runId)).toEqual([makeSample(runId)]);
    again.close();
  });

  it('enforces foreign keys on the connection it returns', () => {
    const store = openStore(join(dir, 'results.db'));
    expect(() => store.recordSample(makeSample('no-such-run'))).toThrow(/run no-such-run does not exist/);
    store.close();
  });

  it('opens read-only without writing, and refuses writes', () => {
    const path = join(dir, 'results.db');
    const writer = openStore(path);
    const runId = writer.createRun(makeSpec(), { host: 'box-1' });
    writer.close();

    const reader = openStore(path, { readonly: true });
    expect(reader.readonly).toBe(true);
    expect(reader.getRun('latest')?.id).toBe(runId);
    expect(() => reader.finishRun(runId, 'complete')).toThrow(/readonly/);
    reader.close();
  });

  it('refuses a read-only open of a missing file without creating it', () => {
    const path = join(dir, 'missing', 'results.db');
    expect(openError(path, { readonly: true }).message).toBe(
      `${path}: no such file, so there is no codebench database to read`,
    );
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('refuses a database from a newer codebench', () => {
    const path = join(dir, 'results.db');
    openStore(path).close();
    const raw = new BetterSqlite3(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();

    const message = `${path}: schema version ${SCHEMA_VERSION + 5} is newer than this codebench (${SCHEMA_VERSION}); upgrade codebench`;
    expect(openError(path).message).toBe(message);
    expect(openError(path, { readonly: true }).message).toBe(message);
  });

  it('refuses a text file and leaves it untouched', () => {
    const path = join(dir, 'notes.txt');
    const text = 'these are not the results you are looking for\n'.repeat(100);
    writeFileSync(path, text);
    expect(openError(path).message).toBe(`${path}: not a codebench database (not an SQLite file)`);
    expect(openError(path, { readonly: true }).message).toBe(`${path}: not a codebench database (not an SQLite file)`);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('refuses another program’s SQLite database and leaves it byte-for-byte untouched', () => {
    const path = join(dir, 'other.db');
    const raw = new BetterSqlite3(path);
    raw.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users (name) VALUES ('ada');");
    raw.close();
    const before = readFileSync(path);

    expect(openError(path).message).toBe(`${path}: not a codebench database (an SQLite database with tables users)`);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses an SQLite file stamped with another application id even if it has no tables', () => {
    const path = join(dir, 'other.db');
    const raw = new BetterSqlite3(path);
    raw.pragma('application_id = 1234');
    raw.close();
    expect(openError(path).message).toBe(
      `${path}: not a codebench database (SQLite application id 0x4d2 belongs to another program)`,
    );
  });

  it('refuses read-only opens of an empty or not yet upgraded database', () => {
    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    expect(openError(empty, { readonly: true }).message).toBe(
      `${empty}: not a codebench database (an empty SQLite database)`,
    );

    const old = join(dir, 'old.db');
    openStore(old).close();
    const raw = new BetterSqlite3(old);
    raw.pragma(`user_version = ${SCHEMA_VERSION - 1}`);
    raw.close();
    expect(openError(old, { readonly: true }).message).toMatch(
      /schema version \d+ is older than this codebench \(\d+\) and a read-only open cannot upgrade it/,
    );
  });

  it('reports a path that cannot be opened as a database', () => {
    expect(openError(dir).message).toMatch(new RegExp(`^${dir}: cannot open: `));
  });
});
