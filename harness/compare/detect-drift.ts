import { bootstrapMean } from '../stats/bootstrap.ts';
import { signTest } from '../stats/sign-test.ts';
import type { Interval, TaskOutcome } from './model-summary.ts';
import { rngFor } from './summarize-model.ts';
import { compareIds } from './task-outcomes.ts';

export interface DriftRun {
  runId: string;
  startedAt: string;
  outcomes: readonly TaskOutcome[];
}

export interface DriftInput {
  name: string;
  configId: string;
  latest: DriftRun;
  /** The config's earlier runs, any order. */
  earlier: readonly DriftRun[];
}

export interface DriftResult {
  name: string;
  configId: string;
  latestRunId: string;
  earlierRunIds: string[];
  /** Tasks scored in the latest run and in at least one earlier run. */
  pairedTasks: number;
  latestPassRate?: number;
  earlierPassRate?: number;
  /** Latest minus earlier pass@1 over the paired tasks. */
  difference?: number;
  differenceCi?: Interval;
  /** Exact two-sided sign test over the per-task differences. */
  pValue?: number;
  /** Tasks whose pass rate fell, and rose. */
  worse: number;
  better: number;
  /** A significant drop: the sign test and the bootstrap interval both say the rate fell. */
  drop: boolean;
}

/**
 * The latest run of a model config against its earlier runs on the same tasks. Earlier runs are
 * pooled per task (all their scored samples), and each task's pass-rate difference is one pair.
 * The sign test (Dixon and Mood 1946) needs no assumption about how rates spread, and on one
 * sample per run it is McNemar's exact test; the paired bootstrap gives the interval.
 */
export function detectDrift(input: DriftInput, options: { alpha?: number; seed?: number; resamples?: number } = {}): DriftResult {
  const alpha = options.alpha ?? 0.05;
  const pooled = new Map<string, { n: number; c: number }>();
  for (const run of input.earlier) {
    for (const o of run.outcomes) {
      if (o.n === 0) continue;
      const t = pooled.get(o.taskId) ?? { n: 0, c: 0 };
      t.n += o.n;
      t.c += o.c;
      pooled.set(o.taskId, t);
    }
  }
  const latestRates: number[] = [];
  const earlierRates: number[] = [];
  const tasks = input.latest.outcomes.filter((o) => o.n > 0 && pooled.has(o.taskId)).sort((a, b) => compareIds(a.taskId, b.taskId));
  for (const o of tasks) {
    const before = pooled.get(o.taskId)!;
    latestRates.push(o.c / o.n);
    earlierRates.push(before.c / before.n);
  }
  const diffs = latestRates.map((x, i) => x - earlierRates[i]!);
  const sign = signTest(diffs);
  const result: DriftResult = {
    name: input.name,
    configId: input.configId,
    latestRunId: input.latest.runId,
    earlierRunIds: [...input.earlier].sort((a, b) => compareIds(a.startedAt, b.startedAt)).map((r) => r.runId),
    pairedTasks: tasks.length,
    worse: sign.negative,
    better: sign.positive,
    drop: false,
  };
  if (tasks.length === 0) return result;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  result.latestPassRate = mean(latestRates);
  result.earlierPassRate = mean(earlierRates);
  result.difference = mean(diffs);
  result.differenceCi = bootstrapMean(diffs, rngFor(options.seed ?? 0, `drift/${input.configId}/${input.latest.runId}`), {
    resamples: options.resamples,
    confidence: 1 - alpha,
  })!;
  result.pValue = sign.pValue;
  result.drop = sign.pValue < alpha && sign.negative > sign.positive && result.differenceCi.upper < 0;
  return result;
}
