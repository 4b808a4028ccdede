/**
 * Every imported public set through the real grader (Grader + BwrapSandbox): each reference
 * solution must pass; sets without references (MultiPL-E) get an empty stub, which must fail,
 * showing that their tests compile and run. Known upstream errata (harness/tasks/errata.ts) are
 * counted apart. Prints a table and exits 1 when anything is unexpected.
 *
 * Memory defaults to 4 GiB a task, EvalPlus's own limit: MbppPlus/255 holds two outputs of about
 * 1.1 GB each (the canonical's and the solution's) and cannot pass under the grader's 2 GiB default.
 *
 *   npx tsx scripts/check-imports.ts [--datasets ../shared/datasets] [--timeout 300] [--memory-gb 4] [--only mbpp+]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Task } from '../harness/core/task.ts';
import { Grader } from '../harness/grader/grader.ts';
import { formatTable } from '../harness/report/format-table.ts';
import { BwrapSandbox } from '../harness/sandbox/bwrap-sandbox.ts';
import { erratumFor } from '../harness/tasks/errata.ts';
import { sha256 } from '../harness/tasks/fetch-dataset.ts';
import { emptyStub } from '../harness/tasks/load-multipl-e.ts';
import { loadSetFile } from '../harness/tasks/load-set-file.ts';
import { PUBLIC_SETS } from '../harness/tasks/public-sets.ts';

const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: new URL('../../shared/datasets', import.meta.url).pathname },
    timeout: { type: 'string', default: '300' },
    'memory-gb': { type: 'string', default: '4' },
    only: { type: 'string', multiple: true },
  },
});
const root = resolve(values.datasets!);
const timeoutSeconds = Number(values.timeout);
const memoryBytes = Number(values['memory-gb']) * 2 ** 30;

/** Where each public set sits in ../shared/datasets (see its README). */
const LAYOUT: Record<string, string> = {
  humaneval: 'humaneval/HumanEval.jsonl.gz',
  'humaneval+': 'evalplus/HumanEvalPlus.jsonl.gz',
  mbpp: 'mbpp/mbpp.jsonl',
  'mbpp-sanitized': 'mbpp/sanitized-mbpp.json',
  'mbpp+': 'evalplus/MbppPlus.jsonl.gz',
  'multipl-e-humaneval-js': 'multipl-e/humaneval-js-reworded.jsonl',
  'multipl-e-humaneval-ts': 'multipl-e/humaneval-ts-reworded.jsonl',
  'multipl-e-mbpp-js': 'multipl-e/mbpp-js-reworded.jsonl',
  'multipl-e-mbpp-ts': 'multipl-e/mbpp-ts-reworded.jsonl',
};

interface Suite {
  name: string;
  tasks: Task[];
  check: 'reference' | 'empty stub';
}

const suites: Suite[] = [];
for (const set of PUBLIC_SETS) {
  const file = join(root, LAYOUT[set.name] ?? set.file);
  if (!existsSync(file)) {
    console.warn(`skipping ${set.name}: ${file} is absent`);
    continue;
  }
  if (sha256(readFileSync(file)) !== set.sha256) console.warn(`warning: ${file} is not the pinned ${set.name} release`);
  const variants = set.format === 'evalplus' ? (['base', 'plus'] as const) : [undefined];
  for (const variant of variants) {
    const name = variant === 'base' ? `${set.name}:base` : set.name;
    if (values.only && !values.only.includes(name)) continue;
    const tasks = loadSetFile(file, { format: set.format, variant, suite: name });
    suites.push({ name, tasks, check: set.format === 'multipl-e' ? 'empty stub' : 'reference' });
  }
}

const sandbox = await BwrapSandbox.create({ slots: 2 });
const grader = new Grader(sandbox, { timeoutSeconds, memoryBytes });
const rows: (string | number)[][] = [];
const problems: string[] = [];
const errataSeen: string[] = [];
const started = performance.now();
try {
  for (const suite of suites) {
    const t0 = performance.now();
    let pass = 0;
    let fail = 0;
    let errata = 0;
    let slowest = { id: '-', ms: 0 };
    let next = 0;
    await Promise.all(
      Array.from({ length: sandbox.slots }, async () => {
        while (next < suite.tasks.length) {
          const task = suite.tasks[next++]!;
          const code = suite.check === 'reference' ? task.reference : emptyStub(task);
          if (code === undefined) throw new Error(`${task.id} has no reference`);
          const result = await grader.grade(task, code);
          if ((result.wallMs ?? 0) > slowest.ms) slowest = { id: task.id, ms: result.wallMs ?? 0 };
          const erratum = erratumFor(task.id);
          if (erratum) {
            errata++;
            errataSeen.push(`${task.id} (${erratum.effect}; ${result.verdict}): ${erratum.reason}`);
          }
          if (result.verdict === 'pass') pass++;
          else fail++;
          const expected = suite.check === 'reference' ? result.verdict === 'pass' : result.verdict === 'fail';
          if (!expected && erratum?.effect !== 'unpassable') {
            problems.push(`${suite.name} ${task.id}: ${suite.check} gave ${result.verdict}: ${result.detail}`);
          }
          const done = pass + fail;
          if (done % 25 === 0) process.stderr.write(`${suite.name}: ${done}/${suite.tasks.length}\r`);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    rows.push([suite.name, suite.tasks.length, suite.check === 'reference' ? 'reference must pass' : 'empty stub must fail', pass, fail, errata, `${slowest.id} ${(slowest.ms / 1000).toFixed(1)} s`, seconds.toFixed(0)]);
    process.stderr.write(`${suite.name}: done in ${seconds.toFixed(0)} s${' '.repeat(20)}\n`);
  }
} finally {
  await sandbox.close();
}

console.log(formatTable(['set', 'tasks', 'check', 'pass', 'fail', 'errata', 'slowest (wall)', 'seconds'], rows));
console.log(`\n${suites.reduce((n, s) => n + s.tasks.length, 0)} tasks in ${((performance.now() - started) / 1000).toFixed(0)} s, ${sandbox.slots} sandbox slots, per task ${timeoutSeconds} s CPU and ${values['memory-gb']} GiB`);
if (errataSeen.length > 0) console.log(`\nknown upstream errata:\n${errataSeen.sort().map((e) => `  ${e}`).join('\n')}`);
if (problems.length > 0) console.log(`\nunexpected:\n${problems.sort().map((p) => `  ${p}`).join('\n')}`);
process.exitCode = problems.length === 0 ? 0 : 1;
