import type { Usage, FinishReason } from './generate.ts';
import type { TimeLimitPolicy } from './time-limit-for.ts';
import type { Verdict } from './verdict.ts';

/** A model as configured for a run; `configId` changes whenever anything that decides answers does. */
export interface ModelConfig {
  /** The name people type: `reference`, `deepseek:deepseek-chat`, or a config-file name. */
  name: string;
  provider: string;
  model: string;
  params: Record<string, unknown>;
  configId: string;
}

export interface RunSpec {
  name: string;
  models: ModelConfig[];
  suites: string[];
  samples: number;
  concurrency: number;
  sandbox: 'bwrap' | 'none';
  harnessVersion: string;
  /** Hash of the task set, so results from different corpora are never mixed up. */
  corpusHash: string;
  /** Each file the tasks were imported from, with its content hash. */
  sources?: { suite: string; file: string; sha256: string }[];
  /** `--since`: only tasks created on or after this date (YYYY-MM-DD) were run. */
  since?: string;
  /** Each dated task's `created` date, so a report can later be limited with its own `--since`. */
  taskDates?: Record<string, string>;
  /** The commit of the harness that ran, when it runs from a git checkout. */
  gitCommit?: string;
  /** Per-sample CPU time limit, seconds, of a task without a calibrated limit (of every task without `timeLimits`). */
  timeoutSeconds?: number;
  /**
   * Limits calibrated from each reference's time on the grading machine, under this policy; the
   * limit each task got is stored with the run (`Store.listTimeLimits`).
   */
  timeLimits?: TimeLimitPolicy;
  repair?: boolean;
  /** Answers are reused only within this run, never from earlier runs (nightly drift needs fresh ones). */
  fresh?: boolean;
  /** `i/n` when this database holds one shard of the plan. */
  shard?: string;
}

export type RunStatus = 'running' | 'complete' | 'partial' | 'failed';

/** One graded answer: the unit the store writes in one transaction. */
export interface SampleRecord {
  runId: string;
  configId: string;
  taskId: string;
  sampleIndex: number;
  verdict: Verdict;
  detail: string;
  /** The model's text exactly as received, so extraction can be redone for free. */
  rawCompletion: string;
  /** The code that was graded; `undefined` when none could be extracted. */
  code?: string;
  reasoning?: string;
  finishReason?: FinishReason;
  usage: Usage;
  /** Time to first token and total generation time. */
  ttftMs?: number;
  generateMs?: number;
  gradeMs?: number;
  /** Trimmed test output. */
  output?: string;
  requestId?: string;
  /** Our cost from usage and the price book; `undefined` when the price is unknown (never $0). */
  costUsd?: number;
  /** What the provider itself billed, where it says (OpenRouter's `usage.cost`). */
  providerCostUsd?: number;
  /** API calls made for this sample, retries included. */
  attempts: number;
  /** The repair round's second try, when the first failed and `--repair` was on. */
  repair?: RepairRecord;
  createdAt: string;
}

/** Aider's second try: the model saw the failing test output and answered again. */
export interface RepairRecord {
  verdict: Verdict;
  detail: string;
  rawCompletion: string;
  code?: string;
  usage: Usage;
  costUsd?: number;
  generateMs?: number;
  gradeMs?: number;
  output?: string;
}
