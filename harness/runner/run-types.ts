import type { ModelAdapter } from '../adapters/model-adapter.ts';
import type { CompletionEntry, GenerateResult, Usage } from '../core/generate.ts';
import type { ModelConfig, RunSpec, RunStatus, SampleRecord } from '../core/run-spec.ts';
import type { Task } from '../core/task.ts';
import type { GradeResult } from '../core/verdict.ts';
import type { Shard } from './plan.ts';

/** The parts of the store the runner writes through. */
export interface RunStore {
  createRun(spec: RunSpec, meta: { host: string }): string;
  getRun(id: string): { id: string; status: RunStatus } | undefined;
  finishRun(runId: string, status: RunStatus): void;
  completedKeys(runId: string, options?: { includeUnscored?: boolean }): Set<string>;
  getCompletion(cacheKey: string): GenerateResult | undefined;
  /** Completions and samples in one transaction. */
  writeBatch(batch: { completions?: readonly CompletionEntry[]; samples?: readonly SampleRecord[] }): void;
}

export interface TaskGrader {
  grade(task: Task, code: string | undefined, options?: { signal?: AbortSignal }): Promise<GradeResult>;
}

export interface RunModel {
  config: ModelConfig;
  adapter: ModelAdapter;
  /** Cost of one answer from its usage; `undefined` when the price is unknown. */
  cost?: (usage: Usage) => number | undefined;
}

export interface ProgressSnapshot {
  done: number;
  total: number;
  passed: number;
  unscored: number;
  spentUsd: number;
  /** Samples whose cost is unknown (no price): `spentUsd` leaves them out. */
  unpriced: number;
  rateLimited: number;
  elapsedMs: number;
}

export type RunEvent =
  | { type: 'start'; runId: string; total: number; alreadyDone: number }
  | { type: 'sample'; record: SampleRecord; progress: ProgressSnapshot }
  | { type: 'retry'; model: string; status: number | undefined; delayMs: number; message: string }
  | { type: 'stopping'; reason: 'budget' | 'aborted' };

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface RunOptions {
  spec: RunSpec;
  tasks: readonly Task[];
  models: readonly RunModel[];
  /** `undefined` turns grading off: samples are stored as generated, verdict `unscored`. */
  grader: TaskGrader | undefined;
  store: RunStore;
  host: string;
  /** Model requests in flight at once, across providers. */
  concurrency: number;
  /** Continue this run: its finished samples are skipped. */
  resumeRunId?: string;
  /** On resume, run again the samples that ended unscored (by default they are kept). */
  retryUnscored?: boolean;
  shard?: Shard;
  budgetUsd?: number;
  repair?: boolean;
  /** Requests per minute per provider. */
  requestsPerMinute?: number;
  retry?: Partial<RetryPolicy>;
  onEvent?: (event: RunEvent) => void;
  signal?: AbortSignal;
  /** For tests: a seeded jitter source. */
  random?: () => number;
}

export interface RunOutcome {
  runId: string;
  status: RunStatus;
  stopReason?: 'budget' | 'aborted';
  done: number;
  total: number;
}
