import type { RunStatus, SampleRecord } from '../core/run-spec.ts';
import { sampleKey } from '../core/sample-key.ts';
import { Budget } from './budget.ts';
import { ProviderGates } from './generate-cached.ts';
import { planItems, planSize } from './plan.ts';
import { generateSample, gradeSample, type SampleJob } from './run-sample.ts';
import type { ProgressSnapshot, RunEvent, RunOptions, RunOutcome } from './run-types.ts';
import { WriteBehind } from './write-behind.ts';

export type * from './run-types.ts';

const DEFAULT_RETRY = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000 };

/**
 * Plans tasks × models × samples and works through it: `concurrency` generation workers feed a
 * grading stage that the sandbox's slots pace, so slow grading never idles the model requests.
 * Answers and finished samples are committed in groups (./write-behind.ts), each sample whole or
 * absent; a resumed run skips finished samples, and the generation cache means nothing is paid
 * for twice.
 */
export async function runBenchmark(options: RunOptions): Promise<RunOutcome> {
  const { spec, tasks, models, store } = options;
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
    throw new TypeError(`Expected \`concurrency\` to be an integer from 1 and up, got ${options.concurrency}`);
  }
  const runId = options.resumeRunId ?? store.createRun(spec, { host: options.host });
  if (options.resumeRunId && !store.getRun(options.resumeRunId)) throw new TypeError(`Expected \`resumeRunId\` to name a stored run, got ${options.resumeRunId}`);
  const done = store.completedKeys(runId, { includeUnscored: !options.retryUnscored });
  const total = planSize(tasks, spec.models, spec.samples, options.shard);
  const emit = (event: RunEvent) => options.onEvent?.(event);
  emit({ type: 'start', runId, total, alreadyDone: done.size });

  const started = performance.now();
  const budget = new Budget(options.budgetUsd);
  const progress: ProgressSnapshot = { done: done.size, total, passed: 0, unscored: 0, spentUsd: 0, unpriced: 0, rateLimited: 0, elapsedMs: 0 };
  const writer = new WriteBehind(store);
  const gates = new ProviderGates({
    store: writer,
    cacheScope: spec.fresh ? runId : undefined,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    concurrency: options.concurrency,
    requestsPerMinute: options.requestsPerMinute,
    signal: options.signal,
    random: options.random,
    emit,
    onRateLimited: () => progress.rateLimited++,
  });
  const byConfig = new Map(models.map((m) => [m.config.configId, m]));
  const plan = planItems(tasks, spec.models, spec.samples, options.shard);
  let stopReason: RunOutcome['stopReason'];
  let inFlight = 0;
  const grading = new Set<Promise<void>>();
  // Enough graded-but-pending work to keep requests flowing, bounded so memory stays flat.
  const maxPendingGrades = Math.max(1000, options.concurrency * 20);

  const finish = (record: SampleRecord) => {
    if (options.signal?.aborted && record.verdict === 'unscored') return; // abandoned, not failed
    writer.recordSample(record);
    budget.record(billedCost(record));
    progress.done++;
    if (record.verdict === 'pass') progress.passed++;
    if (record.verdict === 'unscored') progress.unscored++;
    progress.spentUsd = budget.spentUsd;
    progress.unpriced = budget.unpricedSamples;
    progress.elapsedMs = performance.now() - started;
    emit({ type: 'sample', record, progress: { ...progress } });
  };

  const nextJob = (): SampleJob | undefined => {
    for (;;) {
      if (stopReason || writer.failure) return undefined;
      if (options.signal?.aborted) {
        stopReason = 'aborted';
        emit({ type: 'stopping', reason: 'aborted' });
        return undefined;
      }
      if (!budget.allows(inFlight)) {
        stopReason = 'budget';
        emit({ type: 'stopping', reason: 'budget' });
        return undefined;
      }
      const item = plan.next();
      if (item.done) return undefined;
      const { task, config, sampleIndex } = item.value;
      if (done.has(sampleKey(config.configId, task.id, sampleIndex))) continue;
      const model = byConfig.get(config.configId);
      if (!model) throw new TypeError(`no adapter for model config ${config.name}`);
      return { runId, model, task, sampleIndex };
    }
  };

  const worker = async () => {
    for (let job = nextJob(); job; job = nextJob()) {
      inFlight++;
      const generated = await generateSample(job, gates);
      if (!generated.ok) {
        inFlight--;
        finish(generated.record);
        continue;
      }
      const current = job;
      const pending: Promise<void> = gradeSample(current, generated, { grader: options.grader, gates, repair: options.repair ?? false, signal: options.signal })
        .then(finish)
        .finally(() => {
          inFlight--;
          grading.delete(pending);
        });
      grading.add(pending);
      while (grading.size >= maxPendingGrades) await Promise.race(grading);
    }
  };

  let status: RunStatus;
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    await Promise.all(grading);
    writer.flush();
    status = progress.done >= total ? 'complete' : 'partial';
  } catch (error) {
    try {
      writer.flush();
    } catch {
      // The first error is the one to report.
    }
    store.finishRun(runId, 'failed');
    throw error;
  }
  if (stopReason === undefined && options.signal?.aborted) stopReason = 'aborted';
  store.finishRun(runId, status);
  return { runId, status, stopReason, done: progress.done, total };
}

/**
 * What this sample cost us in this run: nothing when its answer came from the cache (0 attempts),
 * else our price-book cost, or the provider's own bill when we have no price for the model.
 */
export function billedCost(record: SampleRecord): number | undefined {
  const first = record.attempts === 0 ? 0 : (record.costUsd ?? record.providerCostUsd);
  const repair = record.repair === undefined ? 0 : record.repair.costUsd;
  if (first === undefined || repair === undefined) return undefined;
  return first + repair;
}
