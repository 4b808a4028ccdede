import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../core/errors.ts';
import type { Difficulty, Task } from '../core/task.ts';
import { measureDifficulty, type MeasuredDifficulty } from '../compare/measure-difficulty.ts';
import { formatTable } from '../report/format-table.ts';
import { openStore } from '../store/open-store.ts';
import type { CliIO } from './main.ts';

export interface DifficultyArgs {
  db: string;
  write?: boolean;
  'min-models': number;
  json?: boolean;
}

/**
 * `codebench tasks difficulty`: each task's solve rate over every model config stored in the
 * database, the label it implies, and with `--write` that label written into the task's own file.
 */
export function tasksDifficulty(tasks: readonly Task[], args: DifficultyArgs, io: CliIO): number {
  const minModels = args['min-models'];
  if (!Number.isInteger(minModels) || minModels < 1) throw new InputError(`--min-models ${minModels}: expected an integer from 1 and up`);
  const store = openStore(args.db, { readonly: true });
  let measured: MeasuredDifficulty[];
  try {
    measured = measureDifficulty(store.listRuns().flatMap((run) => store.listSamples(run.id)), { minModels });
  } finally {
    store.close();
  }
  const byId = new Map(measured.map((m) => [m.taskId, m]));
  const rows = tasks.map((task) => ({ task, measured: byId.get(task.id) }));
  const changes = rows.filter((r) => r.measured?.difficulty !== undefined && r.measured.difficulty !== r.task.difficulty);
  if (args.write) for (const { task, measured: m } of changes) writeDifficulty(task, m!.difficulty!);
  if (args.json) {
    io.stdout(`${JSON.stringify(rows.map(({ task, measured: m }) => ({ id: task.id, stated: task.difficulty ?? null, models: m?.models ?? 0, solveRate: m?.solveRate ?? null, measured: m?.difficulty ?? null })), null, 2)}\n`);
  } else {
    const table = formatTable(
      ['id', 'stated', 'models', 'solve rate', 'measured'],
      rows.map(({ task, measured: m }) => [task.id, task.difficulty ?? '-', String(m?.models ?? 0), m ? `${(100 * m.solveRate).toFixed(0)}%` : '-', m?.difficulty ?? '-']),
    );
    const labelled = rows.filter((r) => r.measured?.difficulty !== undefined).length;
    io.stdout(`${table}\n${labelled} of ${tasks.length} tasks measured by at least ${minModels} model config(s); ${changes.length} differ from the stated difficulty${args.write ? ', written to their files' : changes.length > 0 ? ' (--write updates the task files)' : ''}\n`);
  }
  return 0;
}

/** Rewrites the `difficulty` of a corpus task (YAML) or exercise (.meta/codebench.json) in place, atomically. */
function writeDifficulty(task: Task, difficulty: Difficulty): void {
  const file = metadataFile(task.origin.file);
  const text = readFileSync(file, 'utf8');
  let next: string;
  if (/\.ya?ml$/.test(file)) {
    if (!/^difficulty:[^\n]*$/m.test(text)) throw new InputError(`${file}: no top-level difficulty line to update`);
    next = text.replace(/^difficulty:[^\n]*$/m, `difficulty: ${difficulty}`);
  } else if (file.endsWith('.json')) {
    next = `${JSON.stringify({ ...(JSON.parse(text) as object), difficulty }, null, 2)}\n`;
  } else {
    throw new InputError(`${file}: ${task.id} does not come from a task file codebench can update`);
  }
  writeFileSync(`${file}.tmp`, next);
  renameSync(`${file}.tmp`, file);
}

/** A corpus task's own YAML file; for an exercise (its folder or a file of it), its `.meta/codebench.json`. */
function metadataFile(origin: string): string {
  if (/\.ya?ml$/.test(origin)) return origin;
  const folder = existsSync(origin) && statSync(origin).isDirectory() ? origin : basename(dirname(origin)) === '.meta' ? dirname(dirname(origin)) : dirname(origin);
  return join(folder, '.meta', 'codebench.json');
}
