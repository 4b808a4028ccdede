import { existsSync, statSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { InputError } from '../core/errors.ts';
import type { Task } from '../core/task.ts';
import { Grader } from '../grader/grader.ts';
import { formatTable } from '../report/format-table.ts';
import { erratumFor } from '../tasks/errata.ts';
import { loadCorpusWithWrong } from '../tasks/load-corpus.ts';
import { emptyStub, isMultiplE } from '../tasks/load-multipl-e.ts';
import { fetchSets } from './fetch-sets.ts';
import type { CliIO } from './main.ts';
import { CORPUS_DIR, defaultCacheDir, loadSuites } from './load-suites.ts';
import { defaultSlots, openSandbox, type SandboxMode } from './open-sandbox.ts';
import { type DifficultyArgs, tasksDifficulty } from './tasks-difficulty.ts';

interface TasksArgs extends Omit<DifficultyArgs, 'db' | 'json'> {
  db: string;
  action: string;
  id?: string;
  suite: string[];
  timeout: number;
  sandbox: SandboxMode;
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
      y
        .positional('action', { choices: ['list', 'show', 'validate', 'difficulty', 'fetch'] as const, describe: 'list | show ID | validate | difficulty | fetch SET' })
        .positional('id', { type: 'string', describe: 'Task id (show), or public set name (fetch)' })
        .option('suite', { type: 'string', array: true, default: ['codebench'], describe: 'Suites to read (as for run)' })
        .option('timeout', { type: 'number', default: 10, describe: 'Per-program CPU limit for validate' })
        .option('sandbox', { choices: ['bwrap', 'none'] as const, default: 'bwrap' as SandboxMode })
        .option('cache-dir', { type: 'string', describe: 'Where public sets are cached (default: $XDG_CACHE_HOME or ~/.cache, then codebench/datasets)' })
        .option('from', { type: 'string', describe: 'fetch: import this local copy instead of downloading (checked against the pinned sha256)' })
        .option('url', { type: 'string', describe: 'fetch: download from this mirror instead (checked against the pinned sha256)' })
        .option('json', { type: 'boolean' })
        .option('db', { type: 'string', default: 'results/codebench.db', describe: 'difficulty: SQLite results file' })
        .option('write', { type: 'boolean', describe: 'difficulty: write each measured label into the task\'s own file' })
        .option('min-models', { type: 'number', default: 3, describe: 'difficulty: model configs that must have tried a task before it gets a label' })
        .example('$0 tasks list', 'Our corpus, one task a line')
        .example('$0 tasks fetch humaneval+', 'Download HumanEval+ into the cache; then --suite humaneval+ (or humaneval+:base)')
        .example('$0 tasks fetch mbpp --from ~/Downloads/mbpp.jsonl', 'Import a copy on a machine without network')
        .example('$0 tasks validate', 'Every reference must pass and every known-wrong solution must fail') as unknown as Argv<TasksArgs>,
    handler: async (args) => {
      const cacheDir = args['cache-dir'] ?? defaultCacheDir();
      if (args.action === 'fetch') return setCode(await fetchSets({ name: args.id, from: args.from, url: args.url, cacheDir, json: args.json }, io));
      if (args.from !== undefined || args.url !== undefined) throw new InputError(`tasks ${args.action}: --from and --url belong to tasks fetch`);
      const tasks = loadSuites(args.suite, { cacheDir });
      if (args.action === 'list') return list(tasks, args, io);
      if (args.action === 'difficulty') return setCode(tasksDifficulty(tasks, args, io));
      if (args.action === 'show') return show(tasks, args, io);
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
  // Known-wrong solutions live in task files: our corpus, or any folder of them given as a suite.
  for (const name of args.suite) {
    const dir = name === 'codebench' ? CORPUS_DIR : existsSync(name) && statSync(name).isDirectory() ? name : undefined;
    if (dir !== undefined) for (const e of loadCorpusWithWrong(dir, name)) wrongById.set(e.task.id, e.wrong);
  }
  const checks: Check[] = tasks.flatMap((task) => [
    ...(task.reference === undefined ? [] : [{ task, kind: 'reference' as const, index: 0, code: task.reference }]),
    ...(wrongById.get(task.id) ?? []).map((code, index) => ({ task, kind: 'wrong' as const, index, code })),
    ...(isMultiplE(task) ? [{ task, kind: 'stub' as const, index: 0, code: emptyStub(task) }] : []),
  ]);
  const errata = tasks.flatMap((task) => {
    const erratum = erratumFor(task.id);
    return erratum ? [{ id: task.id, ...erratum }] : [];
  });
  const sandbox = await openSandbox(args.sandbox, defaultSlots(), io.stderr);
  const problems: string[] = [];
  const perLanguage = new Map<string, { tasks: number; refOk: number; refBad: number; wrongRejected: number; wrongPassed: number; noReference: number; errata: number }>();
  try {
    const grader = new Grader(sandbox, { timeoutSeconds: args.timeout });
    for (const task of tasks) {
      const row = perLanguage.get(task.language) ?? { tasks: 0, refOk: 0, refBad: 0, wrongRejected: 0, wrongPassed: 0, noReference: 0, errata: 0 };
      row.tasks++;
      if (erratumFor(task.id)) row.errata++;
      if (task.reference === undefined) row.noReference++;
      perLanguage.set(task.language, row);
    }
    await Promise.all(
      checks.map(async (c) => {
        const result = await grader.grade(c.task, c.code);
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
        } else row.wrongRejected++;
      }),
    );
  } finally {
    await sandbox.close();
  }
  const rows = [...perLanguage.entries()].sort(([a], [b]) => a.localeCompare(b));
  if (args.json) {
    io.stdout(`${JSON.stringify({ languages: Object.fromEntries(rows), problems, errata }, null, 2)}\n`);
  } else {
    io.stdout(`${formatTable(['language', 'tasks', 'reference pass', 'reference fail', 'no reference', 'wrong rejected', 'wrong passed', 'errata'], rows.map(([lang, r]) => [lang, r.tasks, r.refOk, r.refBad, r.noReference, r.wrongRejected, r.wrongPassed, r.errata]))}\n`);
    for (const e of errata) io.stdout(`known upstream erratum ${e.id} (${e.effect}): ${e.reason}\n`);
    for (const p of problems.sort()) io.stdout(`${p}\n`);
    io.stdout(problems.length === 0 ? 'all references pass and all known-wrong solutions are rejected\n' : `${problems.length} problem(s)\n`);
  }
  return problems.length === 0 ? 0 : 1;
}

function where(task: Task): string {
  return task.origin.line === undefined ? task.origin.file : `${task.origin.file}:${task.origin.line}`;
}
