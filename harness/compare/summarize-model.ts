import type { ModelConfig, SampleRecord } from '../core/run-spec.ts';
import { stableHash } from '../core/stable-hash.ts';
import type { Verdict } from '../core/verdict.ts';
import { bootstrapMean } from '../stats/bootstrap.ts';
import { meanPassAtK, passAtK } from '../stats/pass-at-k.ts';
import { mulberry32, type Rng } from '../stats/rng.ts';
import { wilsonInterval } from '../stats/wilson-interval.ts';
import { latencyFigures } from './latency-figures.ts';
import type { ModelReport, TaskOutcome } from './model-summary.ts';
import { taskOutcomes } from './task-outcomes.ts';
import { costFigures, tokenTotals } from './usage-totals.ts';

const PASS_AT_K = [1, 5, 10, 25, 50, 100];

export interface SummarizeOptions {
  /** Seed of the bootstrap; each model derives its own stream from it and its config id. */
  seed?: number;
  /** The run had the repair round, so pass after repair is reported. */
  repair?: boolean;
  resamples?: number;
}

/** An RNG that depends on the seed and a name only, so reordering models changes no interval. */
export function rngFor(seed: number, name: string): Rng {
  return mulberry32(Number.parseInt(stableHash([seed, name], 8), 16));
}

/** The full per-model summary: quality with its interval, cost, tokens and latency. */
export function summarizeModel(config: ModelConfig, records: readonly SampleRecord[], options: SummarizeOptions = {}): ModelReport {
  const mine = records.filter((r) => r.configId === config.configId);
  const outcomes = taskOutcomes(mine);
  const scoredTasks = outcomes.filter((o) => o.n > 0);
  const scored = mine.filter((r) => r.verdict !== 'unscored');
  const counts: Record<Verdict, number> = { pass: 0, fail: 0, error: 0, timeout: 0, 'no-code': 0, unscored: 0 };
  for (const r of mine) counts[r.verdict]++;

  const solved = scored.filter((r) => r.verdict === 'pass' || r.repair?.verdict === 'pass').length;
  const report: ModelReport = {
    name: config.name,
    configId: config.configId,
    provider: config.provider,
    model: config.model,
    params: config.params,
    tasks: scoredTasks.length,
    tasksAttempted: outcomes.length,
    samples: mine.length,
    scoredSamples: scored.length,
    passAtK: passAtKRows(scoredTasks),
    counts,
    tokens: tokenTotals(mine),
    cost: costFigures(mine, outcomes.length, solved),
    latency: latencyFigures(mine),
    outcomes,
  };
  const passAt1 = meanPassAtK(scoredTasks, 1);
  if (passAt1 !== undefined) {
    report.passAt1 = passAt1;
    report.passAt1Ci = passAt1Interval(scoredTasks, rngFor(options.seed ?? 0, config.configId), options.resamples);
  }
  if (options.repair && scoredTasks.length > 0) {
    report.passAfterRepair = mean(scoredTasks.map((o) => o.repaired / o.n));
  }
  if (scored.length > 0) {
    report.wellFormedShare = scored.filter((r) => r.code !== undefined).length / scored.length;
    report.truncatedShare = scored.filter((r) => r.finishReason?.unified === 'length').length / scored.length;
  }
  return report;
}

/**
 * With one sample per task the pass count is binomial, and Wilson's interval is exact enough and
 * needs no randomness. With more, samples of a task are correlated, so tasks are resampled.
 */
function passAt1Interval(tasks: readonly TaskOutcome[], rng: Rng, resamples?: number): NonNullable<ModelReport['passAt1Ci']> {
  if (tasks.every((t) => t.n === 1)) {
    return { ...wilsonInterval(tasks.filter((t) => t.c === 1).length, tasks.length), method: 'wilson' };
  }
  const interval = bootstrapMean(tasks.map((t) => passAtK(t.n, t.c, 1)), rng, { resamples })!;
  return { ...interval, method: 'bootstrap' };
}

function passAtKRows(tasks: readonly TaskOutcome[]): ModelReport['passAtK'] {
  const maxN = Math.max(0, ...tasks.map((t) => t.n));
  return PASS_AT_K.filter((k) => k === 1 || k <= maxN).map((k) => {
    const value = meanPassAtK(tasks, k);
    return value === undefined ? { k } : { k, value };
  });
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
