// Test support: a real store in a temp dir, filled by the real runner with scripted models.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScriptedAdapter } from '../adapters/scripted-adapter.ts';
import type { ModelConfig, RunSpec } from '../core/run-spec.ts';
import type { Task } from '../core/task.ts';
import type { GradeResult } from '../core/verdict.ts';
import { runBenchmark } from '../runner/run-benchmark.ts';
import type { TaskGrader } from '../runner/run-types.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';

export interface ScriptedModel {
  name: string;
  /** USD per answer. */
  cost: number;
  /** Whether this model answers task `index` (0-based), sample `sample`, correctly. */
  solves: (index: number, sample: number) => boolean;
  /** Output tokens per answer, to exercise token and throughput figures. */
  outputTokens?: number;
}

export const syntheticTasks = (count: number): Task[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `syn/${String(i).padStart(3, '0')}`,
    suite: 'syn',
    kind: 'function',
    language: 'python',
    prompt: `def f${i}():\n`,
    entryPoint: `f${i}`,
    tests: '',
    tags: [],
    origin: { file: 'syn' },
  }));

// Judges the answer text itself; the sandboxed path has its own tests in grader/ and runner/.
const textGrader: TaskGrader = {
  async grade(_task, code): Promise<GradeResult> {
    return code?.includes('right') ? { verdict: 'pass', detail: 'passed' } : { verdict: 'fail', detail: 'AssertionError' };
  },
};

export const configOf = (name: string, seed?: number): ModelConfig => ({
  name,
  provider: 'scripted',
  model: name.replace(/^scripted:/, ''),
  params: seed === undefined ? { temperature: 0 } : { temperature: 0, seed },
  configId: `cfg-${name.replace(/\W+/g, '-')}`,
});

export function tempStore(prefix = 'codebench-compare-'): { store: Store; path: string } {
  const path = join(mkdtempSync(join(tmpdir(), prefix)), 'results.db');
  return { store: openStore(path), path };
}

/**
 * Runs the scripted models over `taskCount` synthetic tasks through the real runner; returns the run id.
 * A `seed` changes the generation cache key but not the config id, so a later "night" of the same
 * config is asked again instead of being served the cached answers.
 */
export async function scriptedRun(store: Store, models: readonly ScriptedModel[], options: { taskCount?: number; samples?: number; name?: string; seed?: number } = {}): Promise<string> {
  const tasks = syntheticTasks(options.taskCount ?? 200);
  const index = new Map(tasks.map((t, i) => [t.id, i]));
  const spec: RunSpec = {
    name: options.name ?? 'scripted',
    models: models.map((m) => configOf(m.name, options.seed)),
    suites: ['syn'],
    samples: options.samples ?? 1,
    concurrency: 8,
    sandbox: 'none',
    harnessVersion: '0.1.0',
    corpusHash: 'syn-hash',
    gitCommit: '0123456789abcdef0123456789abcdef01234567',
  };
  const outcome = await runBenchmark({
    spec,
    tasks,
    models: models.map((m) => ({
      config: configOf(m.name, options.seed),
      cost: () => m.cost,
      adapter: new ScriptedAdapter((r) => ({
        text: m.solves(index.get(r.taskId)!, r.sampleIndex) ? 'right' : 'wrong',
        usage: { inputTokens: 120, cacheReadTokens: 0, outputTokens: m.outputTokens ?? 40 },
        timing: { ttftMs: 100 + (index.get(r.taskId)! % 10) * 10, totalMs: 400 + (index.get(r.taskId)! % 10) * 20 },
      }), m.name),
    })),
    grader: textGrader,
    store,
    host: 'test-host',
    concurrency: 8,
  });
  return outcome.runId;
}
