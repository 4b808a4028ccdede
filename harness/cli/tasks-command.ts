import type { Argv, CommandModule } from 'yargs';
import { InputError } from '../core/errors.ts';
import type { Task } from '../core/task.ts';
import { timeLimitFor } from '../core/time-limit-for.ts';
import type { GradeResult } from '../core/verdict.ts';
import { Grader } from '../grader/grader.ts';
import type { CalibrationOutcome } from '../grader/time-calibrator.ts';
import { formatTable } from '../report/format-table.ts';
import { erratumFor } from '../tasks/errata.ts';
import { emptyStub, isMultiplE } from '../tasks/load-multipl-e.ts';
import { fetchSets } from './fetch-sets.ts';
import type { CliIO } from './main.ts';
import { defaultCacheDir, knownWrongSolutions, loadSuites } from './load-suites.ts';
import { defaultSlots, openSandbox, type SandboxMode } from './open-sandbox.ts';
import { showExercise } from './show-exercise.ts';
import { type DifficultyArgs, tasksDifficulty } from './tasks-difficulty.ts';
import { openStore } from '../store/open-store.ts';
import { positiveNumber } from './check-flags.ts';
import { printTaskLimits } from './print-task-limits.ts';
import { calibrationJson, DEFAULT_TIMEOUT_SECONDS, formatCalibrationSummary, limitsFromOutcomes, openCalibrator, timeLimitFlags, timeLimitPolicy, type TimeLimitArgs } from './time-limits.ts';

export interface TasksArgs extends TimeLimitArgs, Omit<DifficultyArgs, 'db' | 'json'> {
  action: string;
  id?: string;
  suite: string[];
  sandbox: SandboxMode;
  db: string;
  'cache-dir'?: string;
  from?: string;
  url?: string;
  json?: boolean;
}

export function tasksCommand(setCode: (code: number) => void, io: CliIO): CommandModule<object, TasksArgs> {
  return {
    command: 'tasks <action> [id]',
    describe: 'List, show, validate and fetch task suites',
    builder: (y: Argv) =>
      timeLimitFlags(y, 'program')
        .positional('action', { choices: ['list', 'show', 'validate', 'limits', 'difficulty', 'fetch'] as const, describe: 'list | show ID | validate | limits | difficulty | fetch SET' })
        .positional('id', { type: 'string', describe: 'Task id (show), or public set name (fetch)' })
        .option('suite', { type: 'string', array: true, default: ['codebench'], describe: 'Suites to read (as for run)' })
        .option('sandbox', { choices: ['bwrap', 'none'] as const, default: 'bwrap' as SandboxMode })
        .option('db', { type: 'string', default: 'results/codebench.db', describe: 'SQLite results file: difficulty reads runs from it; validate and limits cache calibrated time limits in it' })
        .option('cache-dir', { type: 'string', describe: 'Where public sets are cached (default: $XDG_CACHE_HOME or ~/.cache, then codebench/datasets)' })
        .option('from', { type: 'string', describe: 'fetch: import this local copy instead of downloading (checked against the pinned sha256)' })
        .option('url', { type: 'string', describe: 'fetch: download from this mirror instead (checked against the pinned sha256)' })
        .option('json', { type: 'boolean' })
        .option('write', { type: 'boolean', describe: 'difficulty: write each measured label into the task\'s own file' })
        .option('min-models', { type: 'number', default: 3, describe: 'difficulty: model configs that must have tried a task before it gets a label' })
        .example('$0 tasks list', 'Our corpus, one task a line')
        .example('$0 tasks fetch humaneval+', 'Download HumanEval+ into the cache; then --suite humaneval+ (or humaneval+:base)')
        .example('$0 tasks fetch mbpp --from ~/Downloads/mbpp.jsonl', 'Import a copy on a machine without network')
        .example('$0 tasks validate', 'Every reference must pass and every known-wrong solution must fail; calibrates time limits')
        .example('$0 tasks difficulty --write', 'Label each task easy, medium or hard by how often the stored runs\' models solved it')
        .example('$0 tasks limits', 'Each task\'s reference time on this machine and its time limit') as unknown as Argv<TasksArgs>,
    handler: async (args) => {
      const cacheDir = args['cache-dir'] ?? defaultCacheDir();
      if (args.action === 'fetch') return setCode(await fetchSets({ name: args.id, from: args.from, url: args.url, cacheDir, json: args.json }, io));
      if (args.from !== undefined || args.url !== undefined) throw new InputError(`tasks ${args.action}: --from and --url belong to tasks fetch`);
      const tasks = loadSuites(args.suite, { cacheDir });
      if (args.action === 'list') return list(tasks, args, io);
      if (args.action === 'show') return show(tasks, args, io);
      if (args.action === 'difficulty') return setCode(tasksDifficulty(tasks, args, io));
      if (args.action === 'limits') return setCode(await printTaskLimits(tasks, args, io));
      setCode(await validate(tasks, args, io));
    },
  };
}

function list(tasks: Task[], args: TasksArgs, io: CliIO): void {
  if (args.json) return io.stdout(`${JSON.stringify(tasks.map(({ id, language, kind, difficulty, tags, created }) => ({ id, language, kind, difficulty, tags, created })), null, 2)}\n`);
  io.stdout(`${formatTable(['id', 'language', 'kind', 'difficulty', 'created', 'tags'], tasks.map((t) => [t.id, t.language, t.kind, t.difficulty ?? '-', t.created ?? '-', t.tags.join(',')]))}\n${tasks.length} tasks\n`);
}

function show(tasks: Task[], args: TasksArgs, io: CliIO): void {
  if (!args.id) throw new InputError('tasks show: name a task id, e.g. codebench tasks show cb/py/parse-duration');
  const task = tasks.find((t) => t.id === args.id);
  if (!task) throw new InputError(`tasks show ${args.id}: no such task in ${args.suite.join(', ')}`);
  if (args.json) return io.stdout(`${JSON.stringify(task, null, 2)}\n`);
  const tests = task.cases ? task.cases.map((c, i) => `case ${i + 1} input:\n${c.input}\ncase ${i + 1} output:\n${c.output}\n`).join('') : `${task.tests}\n`;
  const erratum = erratumFor(task.id);
  const note = erratum ? `known upstream erratum (${erratum.effect}): ${erratum.reason}\n` : '';
  if (task.files) return io.stdout(showExercise(task, note));
  io.stdout(`${task.id} (${task.language}, ${task.kind}${task.difficulty ? `, ${task.difficulty}` : ''})\nfrom ${task.origin.file}\n${note}\n--- prompt ---\n${task.prompt}\n--- ${task.cases ? `hidden cases (${task.cases.length}), never shown to the model` : 'tests'} ---\n${tests}`);
}

interface Check {
  task: Task;
  kind: 'reference' | 'wrong' | 'stub';
  index: number;
  code: string;
}

/**
 * Runs every reference (must pass) and every known-wrong solution (must not) in the sandbox.
 * Sets without references (MultiPL-E) get an empty stub, which must fail: that shows the tests
 * run. Known upstream errata are listed, and an unpassable task's failure is not a problem.
 */
async function validate(tasks: Task[], args: TasksArgs, io: CliIO): Promise<number> {
  const wrongById = new Map<string, string[]>();
  // Known-wrong solutions live in task files and exercises: ours, or any folder of them given as a suite.
  for (const name of args.suite) for (const e of knownWrongSolutions(name)) wrongById.set(e.task.id, e.wrong);
  const checks: Check[] = tasks.flatMap((task) => [
    ...(task.reference === undefined ? [] : [{ task, kind: 'reference' as const, index: 0, code: task.reference }]),
    ...(wrongById.get(task.id) ?? []).map((code, index) => ({ task, kind: 'wrong' as const, index, code })),
    ...(isMultiplE(task) ? [{ task, kind: 'stub' as const, index: 0, code: emptyStub(task) }] : []),
  ]);
  const errata = tasks.flatMap((task) => {
    const erratum = erratumFor(task.id);
    return erratum ? [{ id: task.id, ...erratum }] : [];
  });
  const defaultSeconds = positiveNumber(args.timeout ?? DEFAULT_TIMEOUT_SECONDS, '--timeout');
  const policy = timeLimitPolicy(args);
  const sandbox = await openSandbox(args.sandbox, defaultSlots(), io.stderr);
  const store = args.calibrate ? openStore(args.db) : undefined;
  const outcomes = new Map<string, CalibrationOutcome>();
  const problems: string[] = [];
  const perLanguage = new Map<string, { tasks: number; refOk: number; refBad: number; wrongRejected: number; wrongPassed: number; noReference: number; errata: number; rejectedAs: Record<string, number> }>();
  try {
    const grader = new Grader(sandbox, { timeoutSeconds: defaultSeconds });
    const calibrator = store && openCalibrator(grader, sandbox.mode, store);
    for (const task of tasks) {
      const row = perLanguage.get(task.language) ?? { tasks: 0, refOk: 0, refBad: 0, wrongRejected: 0, wrongPassed: 0, noReference: 0, errata: 0, rejectedAs: {} };
      row.tasks++;
      if (erratumFor(task.id)) row.errata++;
      if (task.reference === undefined) row.noReference++;
      perLanguage.set(task.language, row);
    }
    const checksOf = new Map<Task, Check[]>();
    for (const c of checks) checksOf.set(c.task, [...(checksOf.get(c.task) ?? []), c]);
    const tally = (c: Check, result: GradeResult) => {
      const row = perLanguage.get(c.task.language)!;
      if (c.kind === 'reference') {
        if (result.verdict === 'pass') row.refOk++;
        else if (erratumFor(c.task.id)?.effect === 'unpassable') row.refBad++;
        else {
          row.refBad++;
          problems.push(`${where(c.task)}: field "reference": ${c.task.id} does not pass its tests: ${result.verdict}: ${result.detail}`);
        }
      } else if (result.verdict === 'pass') {
        row.wrongPassed++;
        const what = c.kind === 'stub' ? `${c.task.id}'s tests accept an empty stub` : `field "wrong[${c.index}]": ${c.task.id}'s tests accept this known-wrong solution`;
        problems.push(`${where(c.task)}: ${what}`);
      } else {
        // How it was rejected: a failed check is the evidence wanted; a crash or compile error is weaker.
        row.wrongRejected++;
        row.rejectedAs[result.verdict] = (row.rejectedAs[result.verdict] ?? 0) + 1;
      }
    };
    // The reference goes first: its timed runs are the check, and calibrate the limit the rest get.
    await Promise.all(
      tasks.map(async (task) => {
        const own = checksOf.get(task) ?? [];
        const reference = own.find((c) => c.kind === 'reference');
        let timeoutSeconds: number | undefined;
        if (reference) {
          const outcome = await calibrator?.calibrate(task);
          if (outcome) outcomes.set(task.id, outcome);
          if (outcome?.ok) timeoutSeconds = timeLimitFor(outcome.calibration.referenceSeconds, policy);
          tally(reference, outcome?.result ?? (await grader.grade(task, reference.code)));
        }
        await Promise.all(own.filter((c) => c !== reference).map(async (c) => tally(c, await grader.grade(c.task, c.code, { timeoutSeconds }))));
      }),
    );
  } finally {
    store?.close();
    await sandbox.close();
  }
  const limits = store && limitsFromOutcomes(tasks, outcomes, { policy, defaultSeconds });
  const rows = [...perLanguage.entries()].sort(([a], [b]) => a.localeCompare(b));
  if (args.json) {
    io.stdout(`${JSON.stringify({ languages: Object.fromEntries(rows), problems, errata, ...(limits && { timeLimits: calibrationJson(limits, tasks, defaultSeconds) }) }, null, 2)}\n`);
  } else {
    const rejectedAs = (r: { rejectedAs: Record<string, number> }) => Object.entries(r.rejectedAs).sort(([a], [b]) => a.localeCompare(b)).map(([v, n]) => `${v} ${n}`).join(', ') || '-';
    io.stdout(`${formatTable(['language', 'tasks', 'reference pass', 'reference fail', 'no reference', 'wrong rejected', 'rejected as', 'wrong passed', 'errata'], rows.map(([lang, r]) => [lang, r.tasks, r.refOk, r.refBad, r.noReference, r.wrongRejected, rejectedAs(r), r.wrongPassed, r.errata]))}\n`);
    if (limits) io.stdout(formatCalibrationSummary(limits, defaultSeconds));
    for (const e of errata) io.stdout(`known upstream erratum ${e.id} (${e.effect}): ${e.reason}\n`);
    for (const p of problems.sort()) io.stdout(`${p}\n`);
    io.stdout(problems.length === 0 ? 'all references pass and all known-wrong solutions are rejected\n' : `${problems.length} problem(s)\n`);
  }
  return problems.length === 0 ? 0 : 1;
}

function where(task: Task): string {
  return task.origin.line === undefined ? task.origin.file : `${task.origin.file}:${task.origin.line}`;
}
