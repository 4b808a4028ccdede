import type { RunSpec, RunStatus } from '../core/run-spec.ts';

/** One run as stored; `spec` is the RunSpec it was started with. */
export interface RunRow {
  id: string;
  name: string;
  spec: RunSpec;
  status: RunStatus;
  /** ISO 8601 UTC. */
  startedAt: string;
  /** ISO 8601 UTC; absent while the run is `running`. */
  finishedAt?: string;
  harnessVersion: string;
  corpusHash: string;
  host: string;
}

/** A `runs` row as SQLite hands it back. */
export interface RunTableRow {
  id: string;
  name: string;
  spec_json: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  harness_version: string;
  corpus_hash: string;
  host: string;
}

export function rowToRun(row: RunTableRow): RunRow {
  const run: RunRow = {
    id: row.id,
    name: row.name,
    spec: JSON.parse(row.spec_json) as RunSpec,
    status: row.status as RunStatus,
    startedAt: row.started_at,
    harnessVersion: row.harness_version,
    corpusHash: row.corpus_hash,
    host: row.host,
  };
  if (row.finished_at !== null) run.finishedAt = row.finished_at;
  return run;
}
