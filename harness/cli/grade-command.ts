import { renameSync, writeFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { InputError } from '../core/errors.ts';
import type { Task } from '../core/task.ts';
import { extractAnswer } from '../extract/extract-answer.ts';
import { Grader } from '../grader/grader.ts';
import { meanPassAtK } from '../stats/pass-at-k.ts';
import { loadHumanEval } from '../tasks/load-humaneval.ts';
import { readJsonl } from '../tasks/read-jsonl.ts';
import { positiveInt, positiveNumber } from './check-flags.ts';
import type { CliIO } from './main.ts';
import { defaultSlots, openSandbox, type SandboxMode } from './open-sandbox.ts';

interface GradeArgs {
  tasks: string;
  samples: string;
  k: string;
  timeout: number;
  concurrency?: number;
  sandbox: SandboxMode;
  json?: boolean;
}

interface SampleLine {
  line: number;
  value: Record<string, unknown> & { task_id: string; completion: string };
}

/** openai/human-eval's `evaluate_functional_correctness` contract, graded in our sandbox. */
export function gradeCommand(setCode: (code: number) => void, io: CliIO): CommandModule<object, GradeArgs> {
  return {
    command: 'grade',
    describe: "Grade a samples.jsonl against HumanEval-format problems (openai/human-eval's contract)",
    builder: (y) =>
      y
        .option('tasks', { type: 'string', demandOption: true, describe: 'HumanEval-format problems (.jsonl or .jsonl.gz)' })
        .option('samples', { type: 'string', demandOption: true, describe: 'One {"task_id", "completion"} per line' })
        .option('k', { type: 'string', default: '1,10,100', describe: 'pass@k values, comma-separated' })
        .option('timeout', { type: 'number', default: 3, describe: 'Per-sample CPU time limit in seconds' })
        .option('concurrency', { type: 'number', describe: 'Samples graded at once (default: cores)' })
        .option('sandbox', { choices: ['bwrap', 'none'] as const, default: 'bwrap' as SandboxMode })
        .option('json', { type: 'boolean', describe: 'Print a machine-readable summary' })
        .example('$0 grade --tasks HumanEval.jsonl.gz --samples samples.jsonl', 'Writes samples.jsonl_results.jsonl'),
    handler: async (args) => {
      const ks = parseKs(args.k);
      const timeout = positiveNumber(args.timeout, '--timeout');
      const slots = positiveInt(args.concurrency ?? defaultSlots(), '--concurrency');
      const problems = new Map(loadHumanEval(args.tasks).map((t) => [t.id, t]));
      const samples = readSamples(args.samples, problems);

      const sandbox = await openSandbox(args.sandbox, slots, io.stderr);
      const results: Record<string, unknown>[] = [];
      try {
        const grader = new Grader(sandbox, { timeoutSeconds: timeout });
        let done = 0;
        await Promise.all(
          samples.map(async (s, i) => {
            const task = problems.get(s.value.task_id)!;
            const code = extractAnswer(s.value.completion, task).code;
            const graded = await grader.grade(task, code);
            results[i] = { ...s.value, passed: graded.verdict === 'pass', result: humanEvalResult(graded.verdict, graded.detail), verdict: graded.verdict };
            if (++done % 50 === 0) io.stderr(`  graded ${done}/${samples.length}\n`);
          }),
        );
      } finally {
        await sandbox.close();
      }

      const outFile = `${args.samples}_results.jsonl`;
      // Written whole and renamed, so an interrupted run never leaves half a results file.
      writeFileSync(`${outFile}.tmp`, results.map((r) => JSON.stringify(r)).join('\n') + '\n');
      renameSync(`${outFile}.tmp`, outFile);

      const summary = summarize(results, problems, ks);
      if (summary.missing > 0) io.stderr(`codebench: ${summary.missing} problem(s) have no samples and are left out of pass@k\n`);
      if (args.json) io.stdout(`${JSON.stringify({ ...summary.passAtK, samples: results.length, unscored: summary.unscored, results: outFile })}\n`);
      else {
        for (const [k, v] of Object.entries(summary.passAtK)) io.stdout(`${k}: ${v.toFixed(4)}\n`);
        io.stdout(`results: ${outFile}\n`);
      }
      setCode(summary.unscored > 0 ? 3 : 0);
    },
  };
}

function parseKs(text: string): number[] {
  const ks = text.split(',').map((s) => Number(s.trim()));
  for (const k of ks) positiveInt(k, '--k');
  return ks;
}

function readSamples(path: string, problems: Map<string, Task>): SampleLine[] {
  const lines = readJsonl(path);
  if (lines.length === 0) throw new InputError(`${path}: no samples`);
  for (const { line, value } of lines) {
    const v = value as Record<string, unknown>;
    if (typeof v.task_id !== 'string') throw new InputError(`${path}:${line}: field "task_id" missing or not a string`);
    if (typeof v.completion !== 'string') throw new InputError(`${path}:${line}: field "completion" missing or not a string`);
    if (!problems.has(v.task_id)) throw new InputError(`${path}:${line}: task_id "${v.task_id}" is not in the problem file`);
  }
  return lines as SampleLine[];
}

function humanEvalResult(verdict: string, detail: string): string {
  if (verdict === 'pass') return 'passed';
  if (verdict === 'timeout') return 'timed out';
  return `failed: ${detail}`;
}

function summarize(results: Record<string, unknown>[], problems: Map<string, Task>, ks: number[]) {
  const perTask = new Map<string, { n: number; c: number }>();
  let unscored = 0;
  for (const r of results) {
    if (r.verdict === 'unscored') {
      unscored++;
      continue;
    }
    const t = perTask.get(r.task_id as string) ?? { n: 0, c: 0 };
    t.n++;
    if (r.passed) t.c++;
    perTask.set(r.task_id as string, t);
  }
  const counts = [...perTask.values()];
  const passAtK: Record<string, number> = {};
  // As human-eval: report a k only when every task has at least k samples.
  for (const k of ks) {
    if (counts.length > 0 && counts.every((c) => c.n >= k)) passAtK[`pass@${k}`] = meanPassAtK(counts, k) ?? 0;
  }
  return { passAtK, unscored, missing: problems.size - perTask.size };
}
