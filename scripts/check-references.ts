/**
 * Grades every reference solution we ship tests for, through the real grader and sandbox: the
 * HumanEval-X canonical solutions in each language, and our own corpus (TypeScript type-checked).
 * Prints a table per suite and lists every failing id; known upstream failures are named with
 * their reason and do not fail the script, anything else does.
 *
 *   npx tsx scripts/check-references.ts [--only cpp,rust] [--limit 10] [--slots 2] [--timeout 10]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Task } from '../harness/core/task.ts';
import type { GradeResult } from '../harness/core/verdict.ts';
import { Grader } from '../harness/grader/grader.ts';
import { BwrapSandbox } from '../harness/sandbox/bwrap-sandbox.ts';
import { loadCorpus } from '../harness/tasks/load-corpus.ts';
import { HUMANEVAL_X_KNOWN_FAILURES, HUMANEVAL_X_TEST_NOTES, loadHumanEvalX } from '../harness/tasks/load-humaneval-x.ts';

const DATASETS = new URL('../../shared/datasets/humaneval-x/', import.meta.url).pathname;
const CORPUS = new URL('../tasks/codebench/', import.meta.url).pathname;
const KEYS = ['python', 'js', 'cpp', 'java', 'go', 'rust'];

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    limit: { type: 'string' },
    slots: { type: 'string', default: '2' },
    timeout: { type: 'string', default: '10' },
    datasets: { type: 'string', default: DATASETS },
  },
});
const only = values.only?.split(',').map((s) => s.trim());
const limit = values.limit === undefined ? Infinity : Number(values.limit);

const suites: { name: string; tasks: Task[] }[] = [];
for (const key of KEYS) {
  if (only && !only.includes(key)) continue;
  const file = join(values.datasets, `humaneval_${key}.jsonl.gz`);
  if (!existsSync(file)) {
    console.log(`skipping ${key}: ${file} not found`);
    continue;
  }
  suites.push({ name: `humaneval-x-${key}`, tasks: loadHumanEvalX(file).slice(0, limit) });
}
if ((!only || only.includes('codebench')) && existsSync(CORPUS)) {
  const corpus = loadCorpus(CORPUS);
  for (const language of [...new Set(corpus.map((t) => t.language))]) {
    suites.push({ name: `codebench-${language}`, tasks: corpus.filter((t) => t.language === language).slice(0, limit) });
  }
}

const sandbox = await BwrapSandbox.create({ slots: Number(values.slots) });
const grader = new Grader(sandbox, { timeoutSeconds: Number(values.timeout) });

interface Row {
  suite: string;
  tasks: number;
  passed: number;
  known: string[];
  unexpected: string[];
  unscored: string[];
  secondsPerSample: number;
}

const rows: Row[] = [];
try {
  for (const suite of suites) {
    const results = new Map<string, GradeResult>();
    const started = performance.now();
    await pool(suite.tasks, Number(values.slots), async (task) => {
      results.set(task.id, await grader.grade(task, task.reference));
    });
    const elapsed = (performance.now() - started) / 1000;
    const row: Row = { suite: suite.name, tasks: suite.tasks.length, passed: 0, known: [], unexpected: [], unscored: [], secondsPerSample: 0 };
    let wall = 0;
    for (const task of suite.tasks) {
      const r = results.get(task.id)!;
      wall += (r.wallMs ?? 0) / 1000;
      if (r.verdict === 'pass') row.passed++;
      else if (r.verdict === 'unscored') row.unscored.push(`${task.id}: ${r.detail}`);
      else if (HUMANEVAL_X_KNOWN_FAILURES[task.id]) row.known.push(`${task.id} (${r.verdict}): ${HUMANEVAL_X_KNOWN_FAILURES[task.id]}`);
      else row.unexpected.push(`${task.id} (${r.verdict}): ${r.detail}`);
    }
    row.secondsPerSample = wall / Math.max(1, suite.tasks.length);
    rows.push(row);
    console.log(`${suite.name}: ${row.passed}/${row.tasks} passed in ${elapsed.toFixed(1)} s`);
  }
} finally {
  await sandbox.close();
}

console.log('\n| suite | tasks | pass | known upstream failures | unexpected failures | unscored | wall s/sample |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.suite} | ${r.tasks} | ${r.passed} | ${r.known.length} | ${r.unexpected.length} | ${r.unscored.length} | ${r.secondsPerSample.toFixed(2)} |`);
}
for (const r of rows) {
  for (const [label, list] of [['known upstream failure', r.known], ['UNEXPECTED', r.unexpected], ['unscored', r.unscored]] as const) {
    for (const line of list) console.log(`${r.suite} ${label}: ${line}`);
  }
}
const graded = new Set(suites.flatMap((s) => s.tasks.map((t) => t.id)));
for (const [id, note] of Object.entries(HUMANEVAL_X_TEST_NOTES)) if (graded.has(id)) console.log(`note ${id}: ${note}`);
process.exitCode = rows.some((r) => r.unexpected.length > 0 || r.unscored.length > 0) ? 1 : 0;

async function pool<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}
