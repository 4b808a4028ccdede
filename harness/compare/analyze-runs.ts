import { InputError } from '../core/errors.ts';
import type { ModelConfig, RunSpec, SampleRecord } from '../core/run-spec.ts';
import { type Comparison, compareToBaseline } from './compare-to-baseline.ts';
import type { ModelReport } from './model-summary.ts';
import { paretoFrontier } from './pareto-frontier.ts';
import { type Recommendation, recommend } from './recommend.ts';
import { summarizeModel } from './summarize-model.ts';
import { compareIds } from './task-outcomes.ts';

/** What a report needs to know of a stored run (the store's RunRow has these fields). */
export interface RunInfo {
  id: string;
  name: string;
  spec: RunSpec;
  status: string;
  startedAt: string;
  finishedAt?: string;
  harnessVersion: string;
  corpusHash: string;
  host: string;
}

export interface AnalyzeInput {
  /** Newest first: when a model config ran in several, its newest run is the one used. */
  runs: readonly { run: RunInfo; samples: readonly SampleRecord[] }[];
  /** A model spec, name or config id; without one there is no comparison. */
  baseline?: string;
  /** Compare only these against the baseline (specs, names or config ids); default all. */
  candidates?: readonly string[];
  margin?: number;
  alpha?: number;
  seed?: number;
  resamples?: number;
}

export interface Analysis {
  runs: RunInfo[];
  /** Ordered by pass@1 (high first), then cost per task (low first, unknown last), then name. */
  models: (ModelReport & { runId: string })[];
  baseline?: ModelReport & { runId: string };
  margin: number;
  alpha: number;
  seed: number;
  comparisons: Comparison[];
  /** Config ids on the cost-vs-pass@1 Pareto frontier, cheapest first. */
  frontier: string[];
  recommendation?: Recommendation;
}

export const DEFAULT_MARGIN = 0.05;

/** Summaries, comparisons, frontier and recommendation for one or more stored runs. Pure. */
export function analyzeRuns(input: AnalyzeInput): Analysis {
  const margin = input.margin ?? DEFAULT_MARGIN;
  if (!(margin >= 0 && margin < 1)) throw new InputError(`--margin: expected a number from 0 to below 1 (a share of tasks, 0.05 = 5 points), got ${margin}`);
  const alpha = input.alpha ?? 0.05;
  const seed = input.seed ?? 0;
  const seen = new Set<string>();
  const models: Analysis['models'] = [];
  for (const { run, samples } of input.runs) {
    for (const config of run.spec.models) {
      if (seen.has(config.configId)) continue;
      seen.add(config.configId);
      const report = summarizeModel(config, samples, { seed, repair: run.spec.repair, resamples: input.resamples });
      models.push({ ...report, runId: run.id });
    }
  }
  models.sort(byQualityThenCost);
  const analysis: Analysis = {
    runs: input.runs.map((r) => r.run),
    models,
    margin,
    alpha,
    seed,
    comparisons: [],
    frontier: paretoFrontier(models.map((m) => ({ id: m.configId, cost: m.cost.perTaskUsd, quality: m.passAt1 }))),
  };
  if (input.baseline === undefined) return analysis;
  const baseline = findModel(models, input.baseline, '--baseline');
  const wanted = input.candidates?.length ? input.candidates.map((c) => findModel(models, c, '--candidates').configId) : undefined;
  const candidates = models.filter((m) => m.configId !== baseline.configId && (!wanted || wanted.includes(m.configId)));
  analysis.baseline = baseline;
  analysis.comparisons = candidates.map((c) => compareToBaseline(baseline, c, { margin, alpha, seed, resamples: input.resamples }));
  analysis.recommendation = recommend(baseline, candidates, analysis.comparisons, margin);
  return analysis;
}

/** A model by the name people typed, `provider:model`, or config id (a unique prefix will do). */
export function findModel<T extends Pick<ModelConfig, 'name' | 'provider' | 'model' | 'configId'>>(models: readonly T[], spec: string, flag: string): T {
  const text = spec.trim();
  const exact = models.filter((m) => m.name === text || m.configId === text || `${m.provider}:${m.model}` === text);
  const matches = exact.length > 0 ? exact : models.filter((m) => text.length >= 4 && m.configId.startsWith(text));
  if (matches.length === 1) return matches[0]!;
  const known = models.map((m) => m.name).join(', ') || 'none';
  if (matches.length === 0) throw new InputError(`${flag} ${JSON.stringify(spec)}: no such model in the run(s) (models: ${known})`);
  throw new InputError(`${flag} ${JSON.stringify(spec)}: matches ${matches.length} model configs; give a config id (${matches.map((m) => m.configId).join(', ')})`);
}

function byQualityThenCost(a: ModelReport, b: ModelReport): number {
  const qa = a.passAt1 ?? -1;
  const qb = b.passAt1 ?? -1;
  if (qa !== qb) return qb - qa;
  const ca = a.cost.perTaskUsd ?? Number.POSITIVE_INFINITY;
  const cb = b.cost.perTaskUsd ?? Number.POSITIVE_INFINITY;
  if (ca !== cb) return ca < cb ? -1 : 1;
  return compareIds(a.name, b.name) || compareIds(a.configId, b.configId);
}
