import type { Argv, CommandModule } from 'yargs';
import { InputError } from '../core/errors.ts';
import type { Task } from '../core/task.ts';
import { Grader } from '../grader/grader.ts';
import { formatTable } from '../report/format-table.ts';
import { loadCorpusWithWrong } from '../tasks/load-corpus.ts';
import type { CliIO } from './main.ts';
import { CORPUS_DIR, loadSuites } from './load-suites.ts';
import { defaultSlots, openSandbox, type SandboxMode } from './open-sandbox.ts';

interface TasksArgs {
  action: string;
  id?: string;
  suite: string[];
  timeout: number;
  sandbox: SandboxMode;
  json?: boolean;
}

export function tasksCommand(setCode: (code: number) => void, io: CliIO): CommandModule<object, TasksArgs> {
  return {
    command: 'tasks <action> [id]',
    describe: 'List, show and validate task suites',
    builder: (y: Argv) =>
      y
        .positional('action', { choices: ['list', 'show', 'validate'] as const, describe: 'list | show ID | validate' })
        .positional('id', { type: 'string', describe: 'Task id, for show' })
        .option('suite', { type: 'string', array: true, default: ['codebench'], describe: 'Suites to read (as for run)' })
        .option('timeout', { type: 'number', default: 10, describe: 'Per-program CPU limit for validate' })
        .option('sandbox', { choices: ['bwrap', 'none'] as const, default: 'bwrap' as SandboxMode })
        .option('json', { type: 'boolean' })
        .example('$0 tasks list', 'Our corpus, one task a line')
        .example('$0 tasks validate', 'Every reference must pass and every known-wrong solution must fail') as unknown as Argv<TasksArgs>,
    handler: async (args) => {
      const tasks = loadSuites(args.suite);
      if (args.action === 'list') return list(tasks, args, io);
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
  io.stdout(`${task.id} (${task.language}, ${task.kind}${task.difficulty ? `, ${task.difficulty}` : ''})\nfrom ${task.origin.file}\n\n--- prompt ---\n${task.prompt}\n--- tests ---\n${task.tests}\n`);
}

interface Check {
  task: Task;
  kind: 'reference' | 'wrong';
  index: number;
  code: string;
}

/** Runs every reference (must pass) and every known-wrong solution (must not) in the sandbox. */
async function validate(tasks: Task[], args: TasksArgs, io: CliIO): Promise<number> {
  const wrongById = new Map<string, string[]>();
  if (args.suite.includes('codebench')) for (const e of loadCorpusWithWrong(CORPUS_DIR)) wrongById.set(e.task.id, e.wrong);
  const checks: Check[] = tasks.flatMap((task) => [
    ...(task.reference === undefined ? [] : [{ task, kind: 'reference' as const, index: 0, code: task.reference }]),
    ...(wrongById.get(task.id) ?? []).map((code, index) => ({ task, kind: 'wrong' as const, index, code })),
  ]);
  const sandbox = await openSandbox(args.sandbox, defaultSlots(), io.stderr);
  const problems: string[] = [];
  const perLanguage = new Map<string, { tasks: number; refOk: number; refBad: number; wrongRejected: number; wrongPassed: number; noReference: number }>();
  try {
    const grader = new Grader(sandbox, { timeoutSeconds: args.timeout });
    for (const task of tasks) {
      const row = perLanguage.get(task.language) ?? { tasks: 0, refOk: 0, refBad: 0, wrongRejected: 0, wrongPassed: 0, noReference: 0 };
      row.tasks++;
      if (task.reference === undefined) row.noReference++;
      perLanguage.set(task.language, row);
    }
    await Promise.all(
      checks.map(async (c) => {
        const result = await grader.grade(c.task, c.code);
        const row = perLanguage.get(c.task.language)!;
        if (c.kind === 'reference') {
          if (result.verdict === 'pass') row.refOk++;
          else {
            row.refBad++;
            problems.push(`${c.task.origin.file}: field "reference": ${c.task.id} does not pass its tests: ${result.verdict}: ${result.detail}`);
          }
        } else if (result.verdict === 'pass') {
          row.wrongPassed++;
          problems.push(`${c.task.origin.file}: field "wrong[${c.index}]": ${c.task.id}'s tests accept this known-wrong solution`);
        } else row.wrongRejected++;
      }),
    );
  } finally {
    await sandbox.close();
  }
  const rows = [...perLanguage.entries()].sort(([a], [b]) => a.localeCompare(b));
  if (args.json) {
    io.stdout(`${JSON.stringify({ languages: Object.fromEntries(rows), problems }, null, 2)}\n`);
  } else {
    io.stdout(`${formatTable(['language', 'tasks', 'reference pass', 'reference fail', 'no reference', 'wrong rejected', 'wrong passed'], rows.map(([lang, r]) => [lang, r.tasks, r.refOk, r.refBad, r.noReference, r.wrongRejected, r.wrongPassed]))}\n`);
    for (const p of problems.sort()) io.stdout(`${p}\n`);
    io.stdout(problems.length === 0 ? 'all references pass and all known-wrong solutions are rejected\n' : `${problems.length} problem(s)\n`);
  }
  return problems.length === 0 ? 0 : 1;
}
