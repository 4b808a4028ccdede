import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ScriptedAdapter } from '../adapters/scripted-adapter.ts';
import { AdapterError } from '../core/errors.ts';
import type { ModelConfig, RunSpec } from '../core/run-spec.ts';
import type { Task } from '../core/task.ts';
import type { GradeResult } from '../core/verdict.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { runBenchmark } from './run-benchmark.ts';
import type { RunModel, TaskGrader } from './run-types.ts';

// These tests exercise the runner's bookkeeping with a real SQLite store and a grader that
// judges the answer text directly; the sandboxed path is covered in run-benchmark.test.ts.
const TASKS: Task[] = Array.from({ length: 12 }, (_, i) => ({
  id: `t/${i}`, suite: 't', kind: 'function', language: 'python', prompt: `def f${i}():\n`, entryPoint: `f${i}`, tests: '', tags: [], origin: { file: 't' },
}));
const textGrader: TaskGrader = {
  async grade(_task, code): Promise<GradeResult> {
    return code?.includes('right') ? { verdict: 'pass', detail: 'passed' } : { verdict: 'fail', detail: 'AssertionError: wrong', output: 'took 12 ms' };
  },
};
const config: ModelConfig = { name: 'scripted:m', provider: 'scripted', model: 'm', params: {}, configId: 'cfg-m' };
const spec = (samples = 1): RunSpec => ({ name: 'r', models: [config], suites: ['t'], samples, concurrency: 3, sandbox: 'none', harnessVersion: '0', corpusHash: 'h' });
const tempStore = (): Store => openStore(join(mkdtempSync(join(tmpdir(), 'codebench-resume-')), 'r.db'));
const model = (adapter: ScriptedAdapter, cost = 0.01): RunModel => ({ config, adapter, cost: () => cost });
const FAST_RETRY = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

function verdicts(store: Store, runId: string): string[] {
  return store.listSamples(runId).map((s) => `${s.taskId}#${s.sampleIndex}:${s.verdict}`);
}

describe('runBenchmark: resume, cache, budget, shards, repair', () => {
  it('continues an interrupted run without asking again for finished samples, and a rerun makes zero calls', async () => {
    const store = tempStore();
    const abort = new AbortController();
    const first = new ScriptedAdapter(async (r) => {
      if (first.calls.length === 5) abort.abort();
      return r.taskId.endsWith('3') ? 'wrong' : 'right';
    });
    const partial = await runBenchmark({ spec: spec(2), tasks: TASKS, models: [model(first)], grader: textGrader, store, host: 'h', concurrency: 2, signal: abort.signal, retry: FAST_RETRY });
    expect(partial).toMatchObject({ status: 'partial', stopReason: 'aborted' });
    const doneBefore = store.listSamples(partial.runId).length;
    expect(doneBefore).toBeGreaterThan(0);
    expect(doneBefore).toBeLessThan(24);

    const second = new ScriptedAdapter((r) => (r.taskId.endsWith('3') ? 'wrong' : 'right'));
    const resumed = await runBenchmark({ spec: spec(2), tasks: TASKS, models: [model(second)], grader: textGrader, store, host: 'h', concurrency: 2, resumeRunId: partial.runId, retry: FAST_RETRY });
    expect(resumed).toMatchObject({ runId: partial.runId, status: 'complete', done: 24, total: 24 });
    // Samples answered before the interruption but not yet recorded come from the cache.
    expect(first.calls.length + second.calls.length).toBeLessThanOrEqual(24);
    const keysAsked = [...first.calls, ...second.calls].map((c) => `${c.taskId}#${c.sampleIndex}`);
    expect(new Set(keysAsked).size).toBe(keysAsked.length);

    const uninterrupted = tempStore();
    const clean = await runBenchmark({ spec: spec(2), tasks: TASKS, models: [model(new ScriptedAdapter((r) => (r.taskId.endsWith('3') ? 'wrong' : 'right')))], grader: textGrader, store: uninterrupted, host: 'h', concurrency: 4 });
    expect(verdicts(store, resumed.runId)).toEqual(verdicts(uninterrupted, clean.runId));

    const third = new ScriptedAdapter(() => 'right');
    const rerun = await runBenchmark({ spec: spec(2), tasks: TASKS, models: [model(third)], grader: textGrader, store, host: 'h', concurrency: 2, resumeRunId: partial.runId });
    expect(rerun.status).toBe('complete');
    expect(third.calls).toHaveLength(0);
  });

  it('stops and fails when the database refuses a write, with the database’s own error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'codebench-full-'));
    const store = openStore(join(dir, 'r.db'));
    // A real SQLite failure in the middle of the run, as a full disk would give (SQLITE_FULL).
    const other = new BetterSqlite3(join(dir, 'r.db'));
    other.exec(`CREATE TRIGGER disk_full BEFORE INSERT ON samples WHEN (SELECT count(*) FROM samples) >= 4 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    other.close();
    const adapter = new ScriptedAdapter(async () => {
      await new Promise((r) => setTimeout(r, 30));
      return 'right';
    });
    const error = await runBenchmark({ spec: spec(2), tasks: TASKS, models: [model(adapter)], grader: textGrader, store, host: 'h', concurrency: 2 }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('database or disk is full');
    const run = store.listRuns()[0]!;
    expect(run.status).toBe('failed');
    // Only whole batches were written: those before the refused one.
    expect(store.listSamples(run.id).length).toBeLessThanOrEqual(4);
    // It stopped asking the model once writes failed, instead of paying for answers it cannot keep.
    expect(adapter.calls.length).toBeLessThan(24);
    store.close();
  });

  it('keeps API failures unscored and retries them only with retryUnscored', async () => {
    const store = tempStore();
    const flaky = new ScriptedAdapter((r) => (r.taskId === 't/0' ? new AdapterError('500 server error', { retryable: true, status: 500 }) : 'right'));
    const run = await runBenchmark({ spec: spec(), tasks: TASKS, models: [model(flaky)], grader: textGrader, store, host: 'h', concurrency: 3, retry: FAST_RETRY });
    const failed = store.listSamples(run.runId).find((s) => s.taskId === 't/0')!;
    expect(failed).toMatchObject({ verdict: 'unscored', attempts: 3 });
    expect(failed.detail).toMatch(/500 server error \(after 3 attempts\)/);

    const fixed = new ScriptedAdapter(() => 'right');
    await runBenchmark({ spec: spec(), tasks: TASKS, models: [model(fixed)], grader: textGrader, store, host: 'h', concurrency: 3, resumeRunId: run.runId });
    expect(fixed.calls).toHaveLength(0);
    await runBenchmark({ spec: spec(), tasks: TASKS, models: [model(fixed)], grader: textGrader, store, host: 'h', concurrency: 3, resumeRunId: run.runId, retryUnscored: true });
    expect(fixed.calls.map((c) => c.taskId)).toEqual(['t/0']);
    expect(store.listSamples(run.runId).find((s) => s.taskId === 't/0')?.verdict).toBe('pass');
  });

  it('does not retry a spend-limit error', async () => {
    const store = tempStore();
    const broke = new ScriptedAdapter(() => new AdapterError('402 insufficient balance', { retryable: false, status: 402 }));
    const run = await runBenchmark({ spec: spec(), tasks: TASKS.slice(0, 2), models: [model(broke)], grader: textGrader, store, host: 'h', concurrency: 1, retry: FAST_RETRY });
    expect(broke.calls).toHaveLength(2);
    expect(store.listSamples(run.runId).every((s) => s.verdict === 'unscored' && s.attempts === 1)).toBe(true);
  });

  it('stops scheduling at the budget, within one in-flight batch, and ends partial', async () => {
    const store = tempStore();
    const adapter = new ScriptedAdapter(() => 'right');
    const run = await runBenchmark({ spec: spec(), tasks: TASKS, models: [model(adapter, 0.01)], grader: textGrader, store, host: 'h', concurrency: 2, budgetUsd: 0.05 });
    expect(run).toMatchObject({ status: 'partial', stopReason: 'budget' });
    const spent = store.listSamples(run.runId).reduce((a, s) => a + (s.costUsd ?? 0), 0);
    expect(spent).toBeLessThanOrEqual(0.05 + 2 * 0.01 + 1e-9);
    expect(spent).toBeGreaterThanOrEqual(0.04 - 1e-9);
  });

  it('splits the plan into shards whose union is the unsharded run', async () => {
    const all = tempStore();
    const whole = await runBenchmark({ spec: spec(2), tasks: TASKS, models: [model(new ScriptedAdapter(() => 'right'))], grader: textGrader, store: all, host: 'h', concurrency: 3 });
    const parts: string[] = [];
    for (const index of [1, 2]) {
      const store = tempStore();
      const run = await runBenchmark({ spec: spec(2), tasks: TASKS, models: [model(new ScriptedAdapter(() => 'right'))], grader: textGrader, store, host: 'h', concurrency: 3, shard: { index, count: 2 } });
      expect(run.total).toBeLessThan(24);
      parts.push(...verdicts(store, run.runId));
    }
    expect(parts.sort()).toEqual(verdicts(all, whole.runId).sort());
  });

  it('gives a failing answer one repair try with the test output, keeping both results and the repair cost', async () => {
    const store = tempStore();
    const adapter = new ScriptedAdapter((r) => (r.messages.length > 2 ? 'right now' : 'wrong'));
    const run = await runBenchmark({ spec: spec(), tasks: TASKS.slice(0, 2), models: [model(adapter, 0.5)], grader: textGrader, store, host: 'h', concurrency: 1, repair: true });
    const [sample] = store.listSamples(run.runId);
    expect(sample).toMatchObject({ verdict: 'fail', costUsd: 0.5, repair: { verdict: 'pass', rawCompletion: 'right now', costUsd: 0.5 } });
    const repairPrompt = adapter.calls.find((c) => c.messages.length > 2)!.messages.at(-1)!.content;
    expect(repairPrompt).toContain('AssertionError: wrong');
    expect(repairPrompt).not.toMatch(/12 ms/);
  });
});

describe('runBenchmark: fresh answers for nightly runs', () => {
  it('reuses cached answers across runs by default, but not for a fresh run, which still resumes from its own', async () => {
    const store = tempStore();
    const first = new ScriptedAdapter(() => 'right');
    await runBenchmark({ spec: spec(), tasks: TASKS, models: [model(first)], grader: textGrader, store, host: 'h', concurrency: 2 });
    expect(first.calls).toHaveLength(12);
    const cached = new ScriptedAdapter(() => 'right');
    await runBenchmark({ spec: spec(), tasks: TASKS, models: [model(cached)], grader: textGrader, store, host: 'h', concurrency: 2 });
    expect(cached.calls).toHaveLength(0);
    const nightly = new ScriptedAdapter(() => 'right');
    const run = await runBenchmark({ spec: { ...spec(), fresh: true }, tasks: TASKS, models: [model(nightly)], grader: textGrader, store, host: 'h', concurrency: 2 });
    expect(nightly.calls).toHaveLength(12);
    const resumed = new ScriptedAdapter(() => 'right');
    await runBenchmark({ spec: { ...spec(), fresh: true }, tasks: TASKS, models: [model(resumed)], grader: textGrader, store, host: 'h', concurrency: 2, resumeRunId: run.runId, retryUnscored: true });
    expect(resumed.calls).toHaveLength(0);
  });
});
