import type { RunInfo } from '../compare/analyze-runs.ts';
import { InputError } from '../core/errors.ts';
import type { SampleRecord } from '../core/run-spec.ts';
import type { RunRow } from '../store/run-row.ts';
import { isIsoDate } from '../tasks/task-file-schema.ts';

interface RunSource {
  getRun(idOrLatest: string): RunRow | undefined;
  listRuns(): RunRow[];
  listSamples(runId: string): SampleRecord[];
}

export interface LoadedRun {
  run: RunInfo;
  samples: SampleRecord[];
}

/**
 * Runs by id (or `latest`), newest first. With no ids, every run in the database; a model config
 * that ran in several keeps its newest run's results (see analyzeRuns).
 */
export function loadRuns(store: RunSource, ids: readonly string[] | undefined, flag: string): LoadedRun[] {
  const rows = ids && ids.length > 0 ? ids.map((id) => findRun(store, id, flag)) : store.listRuns();
  if (rows.length === 0) throw new InputError(`${flag}: the database has no runs yet (start one with codebench run)`);
  const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
  unique.sort((a, b) => (a.startedAt === b.startedAt ? (a.id < b.id ? 1 : -1) : a.startedAt < b.startedAt ? 1 : -1));
  return unique.map((run) => ({ run, samples: store.listSamples(run.id) }));
}

function findRun(store: RunSource, id: string, flag: string): RunRow {
  const run = store.getRun(id) ?? store.listRuns().find((r) => r.name === id);
  if (!run) throw new InputError(`${flag} ${id}: no such run id or name in this database`);
  return run;
}

/**
 * `--since DATE` for reports: each run keeps only its samples of tasks created on or after the
 * date, as `run --since` would have chosen them. Tasks without a date cannot be shown fresh and
 * are left out; a run stored before runs recorded task dates cannot be limited at all.
 */
export function limitRunsSince(runs: readonly LoadedRun[], date: string, flag: string): LoadedRun[] {
  if (!isIsoDate(date)) throw new InputError(`${flag} ${date}: expected a date written as YYYY-MM-DD`);
  return runs.map(({ run, samples }) => {
    const dates = run.spec.taskDates;
    if (dates === undefined) throw new InputError(`${flag} ${date}: run ${run.id} (${run.name}) was stored without task dates; rerun it with this codebench to limit it by date`);
    const kept = samples.filter((s) => dates[s.taskId] !== undefined && dates[s.taskId]! >= date);
    if (kept.length === 0) throw new InputError(`${flag} ${date}: run ${run.id} (${run.name}) has no samples of tasks created on or after that date`);
    return { run, samples: kept };
  });
}
