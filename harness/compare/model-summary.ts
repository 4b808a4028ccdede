import type { Verdict } from '../core/verdict.ts';
import type { Interval } from '../stats/wilson-interval.ts';

export type { Interval };

/** One task as one model did on it: the unit every paired comparison works on. */
export interface TaskOutcome {
  taskId: string;
  /** Scored samples (unscored ones are in no denominator). */
  n: number;
  /** Of those, passed at the first try. */
  c: number;
  /** Passed at the first try or after the repair round. */
  repaired: number;
  /** Verdict of sample 0, the one McNemar's test pairs; `undefined` when sample 0 is missing. */
  first?: Verdict;
}

/** Token sums over a model's answers (repair answers included). A kind nobody reported stays `undefined`. */
export interface TokenTotals {
  input?: number;
  cacheRead?: number;
  cacheWrite?: number;
  output?: number;
  reasoning?: number;
}

/** Money. While any answered sample has no price, the totals are `undefined`: unknown is not $0. */
export interface CostFigures {
  totalUsd?: number;
  /** Over tasks attempted. */
  perTaskUsd?: number;
  /** Over answers that passed, at the first try or after repair (the money bought both). */
  perSolvedTaskUsd?: number;
  /** What providers billed, summed over the samples where they said (OpenRouter's `usage.cost`). */
  providerTotalUsd?: number;
  /** Answered samples with no price. */
  unpricedSamples: number;
}

export interface LatencyFigures {
  ttftP50Ms?: number;
  ttftP95Ms?: number;
  totalP50Ms?: number;
  totalP95Ms?: number;
  /** Output tokens over generation seconds, pooled over samples that report both. */
  outputTokensPerSecond?: number;
}

/** Everything a report says about one model config in one run. */
export interface ModelReport {
  name: string;
  configId: string;
  provider: string;
  model: string;
  params: Record<string, unknown>;
  /** Tasks with at least one scored sample. */
  tasks: number;
  /** Tasks with any sample, scored or not (the cost denominator). */
  tasksAttempted: number;
  samples: number;
  scoredSamples: number;
  /** Mean over tasks of the unbiased pass@1; `undefined` when nothing was scored. */
  passAt1?: number;
  /** 95% interval: Wilson with one sample per task, else a seeded bootstrap over tasks. */
  passAt1Ci?: Interval & { method: 'wilson' | 'bootstrap' };
  /** Unbiased pass@k (Chen et al. 2021) for each k up to the samples per task. */
  passAtK: { k: number; value?: number }[];
  /** pass@1 counting a repaired answer as a pass; only for runs with the repair round. */
  passAfterRepair?: number;
  /** Share of scored samples with extracted code. */
  wellFormedShare?: number;
  /** Share of scored samples cut off at the token limit (`finishReason: length`). */
  truncatedShare?: number;
  counts: Record<Verdict, number>;
  tokens: TokenTotals;
  cost: CostFigures;
  latency: LatencyFigures;
  /** Sorted by task id. */
  outcomes: TaskOutcome[];
}
