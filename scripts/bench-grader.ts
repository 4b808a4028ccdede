/**
 * Grader throughput against the floor: HumanEval's 164 canonical solutions × 5 through the full
 * grader (Grader + BwrapSandbox, 2 slots), and the same 820 assembled programs as plain
 * `/usr/bin/python3` processes, 2 at a time. Target: sandboxed ≥ 0.7 × the floor.
 *
 *   npx tsx scripts/bench-grader.ts [--samples 5] [--slots 2] [--queue 1]
 *
 * The floor is measured twice: spawned by Node itself, which forks this whole process for each
 * program, and through the same vfork spawn helper the sandbox uses (./harness/sandbox/spawn-helper.ts).
 * The ratio that counts is against the cheaper of the two, so the sandbox's launcher gets no edge.
 *
 * Both sides run `slots` programs at a time, one grade per slot by default. `--queue 2` keeps two
 * grades per slot in flight, as the runner does, so a slot can start its next run while bwrap
 * still tears the last one's namespaces down.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Task } from '../harness/core/task.ts';
import { assembleProgram } from '../harness/grader/assemble-program.ts';
import { Grader } from '../harness/grader/grader.ts';
import { BwrapSandbox } from '../harness/sandbox/bwrap-sandbox.ts';
import { runContained } from '../harness/sandbox/run-contained.ts';
import { SpawnHelper } from '../harness/sandbox/spawn-helper.ts';
import { loadHumanEval } from '../harness/tasks/load-humaneval.ts';

const DATASET = new URL('../../shared/datasets/humaneval/HumanEval.jsonl.gz', import.meta.url).pathname;
const PYTHON = '/usr/bin/python3';
const TARGET = 0.7;

const { values } = parseArgs({ options: { samples: { type: 'string', default: '5' }, slots: { type: 'string', default: '2' }, queue: { type: 'string', default: '1' } } });
const samples = Number(values.samples);
const slots = Number(values.slots);
// Grades in flight per slot.
const queue = Number(values.queue);

async function pool<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

interface Tally {
  seconds: number;
  failed: string[];
}

/** Plain `/usr/bin/python3 <file>`, through the same spawn code the sandbox uses, with or without the helper. */
async function floor(programs: { task: Task; path: string }[], dir: string, tally: Tally, helper?: SpawnHelper): Promise<void> {
  const start = performance.now();
  await pool(programs, slots, async ({ task, path }) => {
    const r = await runContained({ file: PYTHON, args: [path], cwd: dir, wallMs: 30_000, outputBytes: 2 ** 20, helper });
    if (r.exitCode !== 0) tally.failed.push(`${task.id}: exit ${r.exitCode} ${r.stderr.trim().split('\n').at(-1)}`);
  });
  tally.seconds += (performance.now() - start) / 1000;
}

async function sandboxed(grader: Grader, tasks: Task[], tally: Tally): Promise<void> {
  const start = performance.now();
  await pool(tasks, slots * queue, async (task) => {
    const r = await grader.grade(task, task.reference);
    if (r.verdict !== 'pass') tally.failed.push(`${task.id}: ${r.verdict} ${r.detail}`);
  });
  tally.seconds += (performance.now() - start) / 1000;
}

if (!existsSync(DATASET)) {
  console.log(`bench-grader: ${DATASET} not found (../shared is absent); nothing to measure`);
  process.exit(0);
}
if (!existsSync(PYTHON)) {
  console.log(`bench-grader: ${PYTHON} not found; nothing to measure`);
  process.exit(0);
}

const base = loadHumanEval(DATASET);
const tasks = Array.from({ length: samples }, () => base).flat();
console.log(`bench-grader: ${base.length} tasks × ${samples} = ${tasks.length} programs, ${slots} at a time (${slots * queue} grades in flight)`);

const dir = mkdtempSync(join(tmpdir(), 'codebench-bench-'));
const programs = tasks.map((task, i) => {
  const path = join(dir, `p${i}.py`);
  writeFileSync(path, assembleProgram(task, task.reference!));
  return { task, path };
});
const sandbox = await BwrapSandbox.create({ slots });
const helper = await SpawnHelper.start(PYTHON);
const grader = new Grader(sandbox, { timeoutSeconds: 10 });
const bare: Tally = { seconds: 0, failed: [] };
const viaHelper: Tally = { seconds: 0, failed: [] };
const boxed: Tally = { seconds: 0, failed: [] };
try {
  // Warm the page cache for both, then alternate chunks so background load hits both alike.
  await floor(programs.slice(0, 10), dir, { seconds: 0, failed: [] });
  await sandboxed(grader, tasks.slice(0, 10), { seconds: 0, failed: [] });
  const chunk = Math.ceil(base.length / 4);
  for (let at = 0, round = 0; at < tasks.length; at += chunk, round++) {
    const steps = [() => floor(programs.slice(at, at + chunk), dir, bare), () => sandboxed(grader, tasks.slice(at, at + chunk), boxed)];
    if (helper) steps.push(() => floor(programs.slice(at, at + chunk), dir, viaHelper, helper));
    for (const step of round % 2 === 0 ? steps : steps.reverse()) await step();
  }
} finally {
  await sandbox.close();
  helper?.close();
  rmSync(dir, { recursive: true, force: true });
}

const bareRate = tasks.length / bare.seconds;
const helperRate = helper ? tasks.length / viaHelper.seconds : 0;
const floorRate = Math.max(bareRate, helperRate);
const boxedRate = tasks.length / boxed.seconds;
const ratio = boxedRate / floorRate;
const { cgroups, seccomp, uidDrop, launcher } = sandbox.isolation;
console.log(`floor (plain ${PYTHON}, spawned by Node): ${bareRate.toFixed(1)} samples/s (${bare.seconds.toFixed(1)} s)`);
if (helper) console.log(`floor (plain ${PYTHON}, spawned by the vfork helper): ${helperRate.toFixed(1)} samples/s (${viaHelper.seconds.toFixed(1)} s)`);
console.log(`sandboxed (Grader + BwrapSandbox; launcher ${launcher}, cgroups ${cgroups.mode}, seccomp ${seccomp ?? 'off'}, uid drop ${uidDrop ? 'on' : 'off'}): ${boxedRate.toFixed(1)} samples/s (${boxed.seconds.toFixed(1)} s)`);
console.log(`ratio: ${ratio.toFixed(2)} against the faster floor, ${(boxedRate / bareRate).toFixed(2)} against Node's spawn (target ≥ ${TARGET})`);
for (const f of [...bare.failed, ...viaHelper.failed].slice(0, 5)) console.log(`floor failure: ${f}`);
for (const f of boxed.failed.slice(0, 5)) console.log(`sandboxed failure: ${f}`);
const allPassed = bare.failed.length === 0 && viaHelper.failed.length === 0 && boxed.failed.length === 0;
console.log(allPassed ? `all ${tasks.length} passed in every mode` : `FAILED: ${bare.failed.length} floor (Node), ${viaHelper.failed.length} floor (helper), ${boxed.failed.length} sandboxed`);
process.exitCode = allPassed && ratio >= TARGET ? 0 : 1;
