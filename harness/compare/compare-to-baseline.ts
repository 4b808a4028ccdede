import { bootstrapMean } from '../stats/bootstrap.ts';
import { mcnemarExact } from '../stats/mcnemar-exact.ts';
import { pairedNonInferiority } from '../stats/paired-non-inferiority.ts';
import { pairedSampleSize } from '../stats/paired-sample-size.ts';
import type { Interval, ModelReport, TaskOutcome } from './model-summary.ts';
import { rngFor } from './summarize-model.ts';

export type ComparisonVerdict = 'better' | 'non-inferior' | 'inconclusive' | 'worse';

export interface CompareOptions {
  /** How many points of pass@1 (as a fraction) a candidate may lose and still count as non-inferior. */
  margin: number;
  /** Two-sided level; the interval is at 1 − alpha. */
  alpha?: number;
  seed?: number;
  resamples?: number;
}

/** A candidate against the baseline on the tasks both were scored on. */
export interface Comparison {
  name: string;
  configId: string;
  pairedTasks: number;
  /** Candidate minus baseline pass@1 over the paired tasks. */
  difference?: number;
  differenceCi?: Interval;
  /** McNemar's exact two-sided p-value on the first samples. */
  pValue?: number;
  /** Tango's one-sided p-value for "no worse than the margin", on the first samples. */
  nonInferiorityP?: number;
  /** First-sample pairs, and those only one of the two passed. */
  firstPairs: number;
  candidateOnly: number;
  baselineOnly: number;
  verdict: ComparisonVerdict;
  /** Candidate's cost per task over the baseline's; `undefined` when either is unknown or the baseline's is 0. */
  costRatio?: number;
  /** When inconclusive: paired tasks likely needed to decide, at 80% power (`undefined` when no number would). */
  tasksNeeded?: number;
}

/**
 * Paired comparison on the same tasks (Miller, "Adding Error Bars to Evals", 2024: pairing removes
 * the task-difficulty variance both models share). The verdict needs two methods to agree, so
 * neither a degenerate bootstrap on a handful of tasks nor one test's edge case decides alone:
 *   better:        McNemar p < alpha, candidate ahead, and the interval above 0;
 *   non-inferior:  Tango p < alpha/2 and the interval's lower end above −margin
 *                  (the CONSORT rule for non-inferiority, Piaggio et al., JAMA 308:2594–2604, 2012);
 *   worse:         McNemar p < alpha, baseline ahead, and the interval below 0;
 *   inconclusive:  anything else.
 */
export function compareToBaseline(baseline: ModelReport, candidate: ModelReport, options: CompareOptions): Comparison {
  const alpha = options.alpha ?? 0.05;
  const pairs = pairOutcomes(baseline.outcomes, candidate.outcomes);
  const rate = (o: TaskOutcome) => o.c / o.n;
  const diffs = pairs.map(([b, c]) => rate(c) - rate(b));
  let firstPairs = 0;
  let candidateOnly = 0;
  let baselineOnly = 0;
  for (const [b, c] of pairs) {
    if (b.first === undefined || c.first === undefined || b.first === 'unscored' || c.first === 'unscored') continue;
    firstPairs++;
    if (c.first === 'pass' && b.first !== 'pass') candidateOnly++;
    if (b.first === 'pass' && c.first !== 'pass') baselineOnly++;
  }
  const comparison: Comparison = { name: candidate.name, configId: candidate.configId, pairedTasks: pairs.length, firstPairs, candidateOnly, baselineOnly, verdict: 'inconclusive' };
  const ratio = costRatio(baseline, candidate);
  if (ratio !== undefined) comparison.costRatio = ratio;
  if (pairs.length === 0) return comparison;

  const difference = diffs.reduce((a, b) => a + b, 0) / diffs.length;
  // The paired bootstrap: resampling per-task differences resamples both models on the same tasks.
  const rng = rngFor(options.seed ?? 0, `${baseline.configId}/${candidate.configId}`);
  const ci = bootstrapMean(diffs, rng, { resamples: options.resamples, confidence: 1 - alpha })!;
  comparison.difference = difference;
  comparison.differenceCi = ci;
  if (firstPairs > 0) {
    comparison.pValue = mcnemarExact(candidateOnly, baselineOnly);
    comparison.nonInferiorityP = pairedNonInferiority(candidateOnly, baselineOnly, firstPairs, options.margin)!.pValue;
  }
  comparison.verdict = decide(comparison, options.margin, alpha);
  if (comparison.verdict === 'inconclusive') {
    const needed = tasksNeeded(diffs, difference, options.margin, alpha);
    if (needed !== undefined) comparison.tasksNeeded = needed;
  }
  return comparison;
}

function decide(c: Comparison, margin: number, alpha: number): ComparisonVerdict {
  const ci = c.differenceCi!;
  const significant = c.pValue !== undefined && c.pValue < alpha;
  if (significant && c.candidateOnly > c.baselineOnly && ci.lower > 0) return 'better';
  if (c.nonInferiorityP !== undefined && c.nonInferiorityP < alpha / 2 && ci.lower > -margin) return 'non-inferior';
  if (significant && c.baselineOnly > c.candidateOnly && ci.upper < 0) return 'worse';
  return 'inconclusive';
}

/**
 * Tasks for the interval to clear the nearer boundary: −margin when the estimate lies above it
 * (non-inferiority), else 0 (a difference). The spread per task is at least the least a real
 * difference of −margin allows, margin × (1 − margin), so a run with no disagreements yet still
 * gets a number (the restricted variance of Tango 1998).
 */
function tasksNeeded(diffs: readonly number[], difference: number, margin: number, alpha: number): number | undefined {
  const variance = diffs.reduce((a, d) => a + (d - difference) ** 2, 0) / diffs.length;
  if (difference > -margin && margin > 0) {
    const sd = Math.sqrt(Math.max(variance, margin * (1 - margin)));
    return pairedSampleSize({ difference, sd, margin, alpha });
  }
  return pairedSampleSize({ difference, sd: Math.sqrt(variance), margin: 0, alpha });
}

function costRatio(baseline: ModelReport, candidate: ModelReport): number | undefined {
  const base = baseline.cost.perTaskUsd;
  const mine = candidate.cost.perTaskUsd;
  if (base === undefined || mine === undefined || base === 0) return undefined;
  return mine / base;
}

/** Tasks both models have scored samples for, as [baseline, candidate], in task-id order. */
export function pairOutcomes(baseline: readonly TaskOutcome[], candidate: readonly TaskOutcome[]): [TaskOutcome, TaskOutcome][] {
  const theirs = new Map(candidate.filter((o) => o.n > 0).map((o) => [o.taskId, o]));
  return baseline.flatMap((b) => {
    const c = theirs.get(b.taskId);
    return b.n > 0 && c ? [[b, c] as [TaskOutcome, TaskOutcome]] : [];
  });
}
