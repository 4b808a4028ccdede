import pLimit from 'p-limit';
import type { ModelAdapter } from '../adapters/model-adapter.ts';
import type { ModelConfig, RunSpec, RunStatus, SampleRecord } from '../core/run-spec.ts';
import type { Task } from '../core/task.ts';
import type { GradeResult } from '../core/verdict.ts';
import { extractCode } from '../extract/extract-code.ts';
import { buildPrompt } from '../prompts/build-prompt.ts';

/** The parts of the store the runner writes through. */
export interface RunStore {
  createRun(spec: RunSpec, meta: { host: string }): string;
  recordSample(record: SampleRecord): void;
  finishRun(runId: string, status: RunStatus): void;
}

export interface TaskGrader {
  grade(task: Task, code: string | undefined, options?: { signal?: AbortSignal }): Promise<GradeResult>;
}

export interface RunModel {
  config: ModelConfig;
  adapter: ModelAdapter;
}

export interface RunProgress {
  done: number;
  total: number;
  passed: number;
  unscored: number;
  elapsedMs: number;
  last: SampleRecord;
}

export interface RunOptions {
  spec: RunSpec;
  tasks: readonly Task[];
  models: readonly RunModel[];
  grader: TaskGrader;
  store: RunStore;
  host: string;
  concurrency: number;
  onProgress?: (progress: RunProgress) => void;
  signal?: AbortSignal;
}

export interface RunOutcome {
  runId: string;
  status: RunStatus;
  records: SampleRecord[];
}

/** Plans tasks × models × samples, generates, extracts, grades, and stores each sample in turn. */
export async function runBenchmark(options: RunOptions): Promise<RunOutcome> {
  const { spec, tasks, models, store } = options;
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
    throw new TypeError(`Expected \`concurrency\` to be an integer from 1 and up, got ${options.concurrency}`);
  }
  const runId = store.createRun(spec, { host: options.host });
  const limit = pLimit(options.concurrency);
  const started = performance.now();
  const records: SampleRecord[] = [];
  let passed = 0;
  let unscored = 0;
  const plan = models.flatMap((model) => tasks.flatMap((task) => Array.from({ length: spec.samples }, (_, i) => ({ model, task, sampleIndex: i }))));

  try {
    await Promise.all(
      plan.map((item) =>
        limit(async () => {
          if (options.signal?.aborted) return;
          const record = await runSample(runId, item.model, item.task, item.sampleIndex, options);
          store.recordSample(record);
          records.push(record);
          if (record.verdict === 'pass') passed++;
          if (record.verdict === 'unscored') unscored++;
          options.onProgress?.({ done: records.length, total: plan.length, passed, unscored, elapsedMs: performance.now() - started, last: record });
        }),
      ),
    );
  } catch (error) {
    store.finishRun(runId, 'failed');
    throw error;
  }
  const status: RunStatus = records.length < plan.length ? 'partial' : 'complete';
  store.finishRun(runId, status);
  return { runId, status, records };
}

async function runSample(runId: string, model: RunModel, task: Task, sampleIndex: number, options: RunOptions): Promise<SampleRecord> {
  const base = { runId, configId: model.config.configId, taskId: task.id, sampleIndex, attempts: 1 };
  const generateStarted = performance.now();
  let generated;
  try {
    generated = await model.adapter.generate(
      { taskId: task.id, messages: buildPrompt(task), sampleIndex, ...model.config.params },
      { signal: options.signal },
    );
  } catch (error) {
    // An API failure says nothing about the model's coding: it is unscored, never a wrong answer.
    return {
      ...base,
      verdict: 'unscored',
      detail: `generation failed: ${(error as Error).message}`,
      rawCompletion: '',
      usage: {},
      generateMs: Math.round(performance.now() - generateStarted),
      createdAt: new Date().toISOString(),
    };
  }
  const extracted = extractCode(generated.text, { language: task.language, entryPoint: task.entryPoint });
  const gradeStarted = performance.now();
  const graded = await options.grader.grade(task, extracted.code, { signal: options.signal });
  return {
    ...base,
    verdict: graded.verdict,
    detail: graded.detail,
    rawCompletion: generated.text,
    code: extracted.code,
    reasoning: generated.reasoning,
    finishReason: generated.finishReason,
    usage: generated.usage,
    ttftMs: generated.timing.ttftMs,
    generateMs: Math.round(generated.timing.totalMs),
    gradeMs: Math.round(performance.now() - gradeStarted),
    output: graded.output,
    requestId: generated.requestId,
    createdAt: new Date().toISOString(),
  };
}
