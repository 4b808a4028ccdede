import type { Database, Statement } from 'better-sqlite3';
import type { CompletionEntry, GenerateResult } from '../core/generate.ts';
import type { ModelConfig, RunSpec, RunStatus, SampleRecord } from '../core/run-spec.ts';
import { canonicalJson } from '../core/stable-hash.ts';
import type { CalibrationKey, ReferenceTiming, TaskTimeLimit } from '../core/time-calibration.ts';
import { completedKey } from './completed-key.ts';
import type { ConformanceRun } from './conformance-row.ts';
import { newRunId } from './new-run-id.ts';
import { rowToRun, type RunRow, type RunTableRow } from './run-row.ts';
import { rowToSample, SAMPLE_COLUMNS, SAMPLE_KEY_COLUMNS, sampleToRow, type SampleRow } from './sample-row.ts';

const UPSERT_CONFIG = `
  INSERT INTO model_configs (config_id, name, provider, model, params_json)
  VALUES (@config_id, @name, @provider, @model, @params_json)
  ON CONFLICT (config_id) DO UPDATE SET
    name = excluded.name, provider = excluded.provider, model = excluded.model, params_json = excluded.params_json`;

const INSERT_RUN = `
  INSERT INTO runs (id, name, spec_json, status, started_at, finished_at, harness_version, corpus_hash, host)
  VALUES (@id, @name, @spec_json, 'running', @started_at, NULL, @harness_version, @corpus_hash, @host)`;

// An upsert rather than INSERT OR REPLACE: REPLACE deletes the old row first, which would fire
// ON DELETE cascades from any table that later hangs off samples.
const UPSERT_SAMPLE = `
  INSERT INTO samples (${SAMPLE_COLUMNS.join(', ')})
  VALUES (${SAMPLE_COLUMNS.map((c) => `@${c}`).join(', ')})
  ON CONFLICT (${SAMPLE_KEY_COLUMNS.join(', ')}) DO UPDATE SET
    ${SAMPLE_COLUMNS.filter((c) => !(SAMPLE_KEY_COLUMNS as readonly string[]).includes(c))
      .map((c) => `${c} = excluded.${c}`)
      .join(', ')}`;

const INSERT_COMPLETION = 'INSERT INTO completions (cache_key, config_id, result_json, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (cache_key) DO NOTHING';

const RUN_ORDER = 'ORDER BY started_at DESC, rowid DESC';

/** The results database. Get one from `openStore`; every method is synchronous. */
export class Store {
  readonly path: string;
  readonly #db: Database;
  readonly #statements = new Map<string, Statement>();

  /** @internal Use `openStore`, which validates and migrates the file first. */
  constructor(db: Database, path: string) {
    this.#db = db;
    this.path = path;
  }

  get readonly(): boolean {
    return this.#db.readonly;
  }

  /** Records a new `running` run and the model configs it uses; returns the run id. */
  createRun(spec: RunSpec, meta: { host: string }): string {
    const configIds = new Set<string>();
    for (const config of spec.models) {
      if (configIds.has(config.configId)) {
        throw new Error(`run spec lists model config ${config.configId} (${config.name}) twice`);
      }
      configIds.add(config.configId);
    }
    const startedAt = new Date();
    const insert = this.#db.transaction((id: string) => {
      for (const config of spec.models) this.#upsertConfig(config);
      this.#statement(INSERT_RUN).run({
        id,
        name: spec.name,
        spec_json: canonicalJson(spec),
        started_at: startedAt.toISOString(),
        harness_version: spec.harnessVersion,
        corpus_hash: spec.corpusHash,
        host: meta.host,
      });
      const link = this.#statement('INSERT INTO run_configs (run_id, config_id, position) VALUES (?, ?, ?)');
      spec.models.forEach((config, position) => link.run(id, config.configId, position));
    });
    for (let attempt = 1; ; attempt++) {
      const id = newRunId(startedAt);
      try {
        insert.immediate(id);
        return id;
      } catch (error) {
        if (attempt >= 5 || !isConstraint(error, 'SQLITE_CONSTRAINT_PRIMARYKEY')) throw error;
      }
    }
  }

  /** Sets the final status; `finishedAt` is now, or cleared when a run goes back to `running`. */
  finishRun(runId: string, status: RunStatus): void {
    const finishedAt = status === 'running' ? null : new Date().toISOString();
    const result = this.#statement('UPDATE runs SET status = ?, finished_at = ? WHERE id = ?').run(
      status,
      finishedAt,
      runId,
    );
    if (result.changes === 0) throw new Error(`finishRun: no run ${runId}`);
  }

  /**
   * Writes one graded sample in its own transaction. Recording the same
   * (run, config, task, sample index) again replaces the earlier answer.
   */
  recordSample(record: SampleRecord): void {
    this.writeBatch({ samples: [record] });
  }

  /**
   * Writes answers for the generation cache and finished samples in one transaction: a group
   * commit, for a runner that finishes hundreds of samples a second. Each sample is still whole
   * or absent; a failure writes nothing of the batch.
   */
  writeBatch(batch: { completions?: readonly CompletionEntry[]; samples?: readonly SampleRecord[] }): void {
    const putCompletion = this.#statement(INSERT_COMPLETION);
    const upsertSample = this.#statement(UPSERT_SAMPLE);
    const createdAt = new Date().toISOString();
    this.#db.transaction(() => {
      for (const c of batch.completions ?? []) putCompletion.run(c.cacheKey, c.configId, JSON.stringify(c.result), createdAt);
      for (const record of batch.samples ?? []) {
        try {
          upsertSample.run(sampleToRow(record));
        } catch (error) {
          if (!isConstraint(error, 'SQLITE_CONSTRAINT_FOREIGNKEY')) throw error;
          throw new Error(`recordSample: run ${record.runId} does not exist or does not include model config ${record.configId}`, { cause: error });
        }
      }
    }).immediate();
  }

  /** A run by id, or `'latest'` for the most recently started one. */
  getRun(idOrLatest: string): RunRow | undefined {
    const row =
      idOrLatest === 'latest'
        ? this.#statement<[], RunTableRow>(`SELECT * FROM runs ${RUN_ORDER} LIMIT 1`).get()
        : this.#statement<[string], RunTableRow>('SELECT * FROM runs WHERE id = ?').get(idOrLatest);
    return row && rowToRun(row);
  }

  /** All runs, most recently started first. */
  listRuns(): RunRow[] {
    return this.#statement<[], RunTableRow>(`SELECT * FROM runs ${RUN_ORDER}`).all().map(rowToRun);
  }

  /** A run's samples ordered by config id, task id and sample index. */
  listSamples(runId: string, filter: { configId?: string } = {}): SampleRecord[] {
    const rows =
      filter.configId === undefined
        ? this.#statement<[string], SampleRow>(
            'SELECT * FROM samples WHERE run_id = ? ORDER BY config_id, task_id, sample_index',
          ).all(runId)
        : this.#statement<[string, string], SampleRow>(
            'SELECT * FROM samples WHERE run_id = ? AND config_id = ? ORDER BY task_id, sample_index',
          ).all(runId, filter.configId);
    return rows.map(rowToSample);
  }

  /**
   * Keys (see `completedKey`) of samples that need not be run again: those with a real verdict,
   * and with `includeUnscored` also those that ended unscored.
   */
  completedKeys(runId: string, options: { includeUnscored?: boolean } = {}): Set<string> {
    const rows = this.#statement<[string], Pick<SampleRow, 'config_id' | 'task_id' | 'sample_index'>>(
      options.includeUnscored
        ? 'SELECT config_id, task_id, sample_index FROM samples WHERE run_id = ?'
        : `SELECT config_id, task_id, sample_index FROM samples WHERE run_id = ? AND verdict <> 'unscored'`,
    ).all(runId);
    return new Set(rows.map((r) => completedKey(r.config_id, r.task_id, r.sample_index)));
  }

  /** A cached model answer by its cache key (see the runner's `cacheKey`); errors are never cached. */
  getCompletion(cacheKey: string): GenerateResult | undefined {
    const row = this.#statement<[string], { result_json: string }>('SELECT result_json FROM completions WHERE cache_key = ?').get(cacheKey);
    return row === undefined ? undefined : (JSON.parse(row.result_json) as GenerateResult);
  }

  listCompletions(): CompletionEntry[] {
    return this.#statement<[], { cache_key: string; config_id: string; result_json: string }>('SELECT cache_key, config_id, result_json FROM completions ORDER BY cache_key')
      .all()
      .map((r): CompletionEntry => ({ cacheKey: r.cache_key, configId: r.config_id, result: JSON.parse(r.result_json) as GenerateResult }));
  }

  putCompletion(cacheKey: string, configId: string, result: GenerateResult): void {
    this.writeBatch({ completions: [{ cacheKey, configId, result }] });
  }

  /** Keeps one conformance battery; returns its id. */
  recordConformance(run: Omit<ConformanceRun, 'id' | 'createdAt'> & { createdAt?: string }): number {
    const info = this.#statement(
      'INSERT INTO conformance_runs (created_at, model_spec, protocol, base_url_host, results_json, tokens) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(run.createdAt ?? new Date().toISOString(), run.modelSpec, run.protocol, run.baseUrlHost, JSON.stringify(run.results), run.tokens);
    return Number(info.lastInsertRowid);
  }

  /** Conformance batteries, newest first; only those of one model spec and protocol when given. */
  listConformance(filter: { modelSpec?: string; protocol?: string } = {}): ConformanceRun[] {
    type Row = { id: number; created_at: string; model_spec: string; protocol: string; base_url_host: string; results_json: string; tokens: number };
    return this.#statement<[{ spec: string | null; protocol: string | null }], Row>(
      `SELECT id, created_at, model_spec, protocol, base_url_host, results_json, tokens FROM conformance_runs
       WHERE (@spec IS NULL OR model_spec = @spec) AND (@protocol IS NULL OR protocol = @protocol) ORDER BY created_at DESC, id DESC`,
    )
      .all({ spec: filter.modelSpec ?? null, protocol: filter.protocol ?? null })
      .map((r) => ({ id: r.id, createdAt: r.created_at, modelSpec: r.model_spec, protocol: r.protocol, baseUrlHost: r.base_url_host, results: JSON.parse(r.results_json), tokens: r.tokens }));
  }

  /** A reference timing measured under exactly this task, toolchain and host. */
  getCalibration(key: CalibrationKey): ReferenceTiming | undefined {
    type Row = { reference_seconds: number; runs_json: string; method: 'cpu' | 'wall'; measured_at: string };
    const row = this.#statement<[string, string, string], Row>(
      'SELECT reference_seconds, runs_json, method, measured_at FROM time_calibrations WHERE task_hash = ? AND toolchain = ? AND host = ?',
    ).get(key.taskHash, key.toolchain, key.host);
    return row && { referenceSeconds: row.reference_seconds, runsSeconds: JSON.parse(row.runs_json) as number[], method: row.method, measuredAt: row.measured_at };
  }

  /** Keeps a reference timing, replacing an earlier one under the same key. */
  putCalibration(key: CalibrationKey, taskId: string, timing: ReferenceTiming): void {
    this.#statement(
      `INSERT INTO time_calibrations (task_hash, toolchain, host, task_id, reference_seconds, runs_json, method, measured_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (task_hash, toolchain, host) DO UPDATE SET task_id = excluded.task_id, reference_seconds = excluded.reference_seconds,
         runs_json = excluded.runs_json, method = excluded.method, measured_at = excluded.measured_at`,
    ).run(key.taskHash, key.toolchain, key.host, taskId, timing.referenceSeconds, JSON.stringify(timing.runsSeconds), timing.method, timing.measuredAt);
  }

  /** Records the limits a run grades with. A task's first recorded limit stays: a resumed run keeps its limits. */
  recordTimeLimits(runId: string, limits: readonly TaskTimeLimit[]): void {
    const insert = this.#statement(
      `INSERT INTO run_time_limits (run_id, task_id, limit_seconds, reference_seconds, source) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (run_id, task_id) DO NOTHING`,
    );
    this.#db.transaction(() => {
      for (const l of limits) insert.run(runId, l.taskId, l.limitSeconds, l.referenceSeconds ?? null, l.source);
    }).immediate();
  }

  /** The limits a run graded with, by task id. */
  listTimeLimits(runId: string): TaskTimeLimit[] {
    type Row = { task_id: string; limit_seconds: number; reference_seconds: number | null; source: TaskTimeLimit['source'] };
    return this.#statement<[string], Row>('SELECT task_id, limit_seconds, reference_seconds, source FROM run_time_limits WHERE run_id = ? ORDER BY task_id')
      .all(runId)
      .map((r) => ({ taskId: r.task_id, limitSeconds: r.limit_seconds, ...(r.reference_seconds === null ? {} : { referenceSeconds: r.reference_seconds }), source: r.source }));
  }

  close(): void {
    this.#statements.clear();
    this.#db.close();
  }

  #upsertConfig(config: ModelConfig): void {
    this.#statement(UPSERT_CONFIG).run({
      config_id: config.configId,
      name: config.name,
      provider: config.provider,
      model: config.model,
      params_json: canonicalJson(config.params),
    });
  }

  #statement<P extends unknown[] = unknown[], R = unknown>(sql: string): Statement<P, R> {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement as unknown as Statement<P, R>;
  }
}

function isConstraint(error: unknown, code: string): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === code;
}
