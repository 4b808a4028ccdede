import type { Database } from 'better-sqlite3';

/**
 * Written into the SQLite header (`PRAGMA application_id`) so a codebench database can be told
 * apart from any other SQLite file without guessing from table names. ASCII "CBEN".
 */
export const APPLICATION_ID = 0x4342454e;

export interface Migration {
  /** The `PRAGMA user_version` the database has once this migration ran; 1, 2, 3, ... */
  version: number;
  name: string;
  up(db: Database): void;
}

/**
 * Append only: a released migration is never edited, because databases in the field already
 * ran it. Each runs in its own transaction with foreign keys off (SQLite cannot toggle them
 * inside a transaction, and table rebuilds need them off); `foreign_key_check` runs before commit.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'runs, model configs and samples',
    up(db) {
      db.exec(`
        CREATE TABLE runs (
          id              TEXT PRIMARY KEY,
          name            TEXT NOT NULL,
          spec_json       TEXT NOT NULL CHECK (json_valid(spec_json)),
          status          TEXT NOT NULL CHECK (status IN ('running', 'complete', 'partial', 'failed')),
          started_at      TEXT NOT NULL,
          finished_at     TEXT,
          harness_version TEXT NOT NULL,
          corpus_hash     TEXT NOT NULL,
          host            TEXT NOT NULL,
          CHECK ((status = 'running') = (finished_at IS NULL))
        ) STRICT;
        CREATE INDEX runs_started_at ON runs (started_at);

        CREATE TABLE model_configs (
          config_id   TEXT PRIMARY KEY,
          name        TEXT NOT NULL,
          provider    TEXT NOT NULL,
          model       TEXT NOT NULL,
          params_json TEXT NOT NULL CHECK (json_valid(params_json))
        ) STRICT;

        -- Which configs a run covers, in spec order; samples must belong to one of them.
        CREATE TABLE run_configs (
          run_id    TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
          config_id TEXT NOT NULL REFERENCES model_configs (config_id),
          position  INTEGER NOT NULL CHECK (position >= 0),
          PRIMARY KEY (run_id, config_id),
          UNIQUE (run_id, position)
        ) STRICT;
        CREATE INDEX run_configs_config ON run_configs (config_id);

        CREATE TABLE samples (
          run_id             TEXT NOT NULL,
          config_id          TEXT NOT NULL,
          task_id            TEXT NOT NULL,
          sample_index       INTEGER NOT NULL CHECK (sample_index >= 0),
          verdict            TEXT NOT NULL
                             CHECK (verdict IN ('pass', 'fail', 'error', 'timeout', 'no-code', 'unscored')),
          detail             TEXT NOT NULL,
          raw_completion     TEXT NOT NULL,
          code               TEXT,
          reasoning          TEXT,
          finish_unified     TEXT
                             CHECK (finish_unified IN ('stop', 'length', 'content-filter', 'tool-calls', 'error', 'other')),
          finish_raw         TEXT CHECK (finish_raw IS NULL OR finish_unified IS NOT NULL),
          -- Token counts are NULL when the provider did not report them; 0 means a real zero.
          input_tokens       INTEGER CHECK (input_tokens >= 0),
          cache_read_tokens  INTEGER CHECK (cache_read_tokens >= 0),
          cache_write_tokens INTEGER CHECK (cache_write_tokens >= 0),
          output_tokens      INTEGER CHECK (output_tokens >= 0),
          reasoning_tokens   INTEGER CHECK (reasoning_tokens >= 0),
          ttft_ms            REAL CHECK (ttft_ms >= 0),
          generate_ms        REAL CHECK (generate_ms >= 0),
          grade_ms           REAL CHECK (grade_ms >= 0),
          output             TEXT,
          request_id         TEXT,
          attempts           INTEGER NOT NULL CHECK (attempts >= 0),
          created_at         TEXT NOT NULL,
          PRIMARY KEY (run_id, config_id, task_id, sample_index),
          FOREIGN KEY (run_id, config_id) REFERENCES run_configs (run_id, config_id) ON DELETE CASCADE
        ) STRICT;
        CREATE INDEX samples_config_task ON samples (config_id, task_id);
      `);
    },
  },
  {
    version: 2,
    name: 'sample cost, repair round and generation cache',
    up(db) {
      db.exec(`
        ALTER TABLE samples ADD COLUMN cost_usd REAL CHECK (cost_usd >= 0);
        ALTER TABLE samples ADD COLUMN provider_cost_usd REAL CHECK (provider_cost_usd >= 0);
        ALTER TABLE samples ADD COLUMN repair_json TEXT CHECK (repair_json IS NULL OR json_valid(repair_json));
        CREATE TABLE completions (
          cache_key   TEXT PRIMARY KEY,
          config_id   TEXT NOT NULL,
          result_json TEXT NOT NULL CHECK (json_valid(result_json)),
          created_at  TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 3,
    name: 'conformance probe history',
    up(db) {
      db.exec(`
        CREATE TABLE conformance_runs (
          id            INTEGER PRIMARY KEY,
          created_at    TEXT NOT NULL,
          model_spec    TEXT NOT NULL,
          protocol      TEXT NOT NULL,
          base_url_host TEXT NOT NULL,
          results_json  TEXT NOT NULL CHECK (json_valid(results_json)),
          tokens        INTEGER NOT NULL CHECK (tokens >= 0)
        ) STRICT;
        CREATE INDEX conformance_runs_model ON conformance_runs (model_spec, protocol, created_at);
      `);
    },
  },
  {
    version: 4,
    name: 'time-limit calibrations and the limits each run used',
    up(db) {
      db.exec(`
        -- A reference solution's measured time on one machine: reused while task, toolchain and host match.
        CREATE TABLE time_calibrations (
          task_hash         TEXT NOT NULL,
          toolchain         TEXT NOT NULL,
          host              TEXT NOT NULL,
          task_id           TEXT NOT NULL,
          reference_seconds REAL NOT NULL CHECK (reference_seconds >= 0),
          runs_json         TEXT NOT NULL CHECK (json_valid(runs_json)),
          method            TEXT NOT NULL CHECK (method IN ('cpu', 'wall')),
          measured_at       TEXT NOT NULL,
          PRIMARY KEY (task_hash, toolchain, host)
        ) STRICT;

        CREATE TABLE run_time_limits (
          run_id            TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
          task_id           TEXT NOT NULL,
          limit_seconds     REAL NOT NULL CHECK (limit_seconds > 0),
          reference_seconds REAL CHECK (reference_seconds >= 0),
          source            TEXT NOT NULL CHECK (source IN ('calibrated', 'default')),
          PRIMARY KEY (run_id, task_id)
        ) STRICT;
      `);
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function readVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to the last migration in `migrations`. Safe to call concurrently from
 * several processes: the version is re-read under the write lock, so each step runs once.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): void {
  for (const [i, migration] of migrations.entries()) {
    if (migration.version !== i + 1) {
      throw new Error(`migration "${migration.name}" has version ${migration.version}, expected ${i + 1}`);
    }
  }
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (const migration of migrations) {
      db.transaction(() => {
        if (readVersion(db) >= migration.version) return;
        migration.up(db);
        const violations = db.pragma('foreign_key_check') as unknown[];
        if (violations.length > 0) {
          throw new Error(`migration ${migration.version} (${migration.name}) left ${violations.length} foreign key violations`);
        }
        db.pragma(`application_id = ${APPLICATION_ID}`);
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}
