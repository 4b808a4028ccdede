import type { GenerateResult } from '../core/generate.ts';
import type { RepairRecord, SampleRecord } from '../core/run-spec.ts';
import type { Task } from '../core/task.ts';
import type { GradeResult } from '../core/verdict.ts';
import { extractAnswer } from '../extract/extract-answer.ts';
import { buildPrompt } from '../prompts/build-prompt.ts';
import { buildRepairPrompt } from '../prompts/build-repair-prompt.ts';
import type { ProviderGates } from './generate-cached.ts';
import { RetryError } from './retry-with-backoff.ts';
import type { RunModel, TaskGrader } from './run-types.ts';

export interface SampleJob {
  runId: string;
  model: RunModel;
  task: Task;
  sampleIndex: number;
}

export type Generated = { ok: true; result: GenerateResult; attempts: number; ms: number } | { ok: false; record: SampleRecord };

/** Step one: the model's answer (from the cache when it was paid for before). */
export async function generateSample(job: SampleJob, gates: ProviderGates): Promise<Generated> {
  const started = performance.now();
  try {
    const { result, attempts } = await gates.generate(job.model, { taskId: job.task.id, messages: buildPrompt(job.task), sampleIndex: job.sampleIndex, ...requestParams(job.model) });
    return { ok: true, result, attempts, ms: performance.now() - started };
  } catch (error) {
    // An API failure says nothing about the model's coding: unscored, retried by a later run.
    const attempts = error instanceof RetryError ? error.attempts : 1;
    return {
      ok: false,
      record: {
        ...keyOf(job),
        verdict: 'unscored',
        detail: `generation failed: ${(error as Error).message}`,
        rawCompletion: '',
        usage: {},
        // A failed call is not billed.
        costUsd: 0,
        attempts,
        generateMs: Math.round(performance.now() - started),
        createdAt: new Date().toISOString(),
      },
    };
  }
}

/** Step two: extract, grade, and with `repair` give a failing first answer one more try. */
export async function gradeSample(
  job: SampleJob,
  generated: { result: GenerateResult; attempts: number; ms: number },
  context: { grader: TaskGrader | undefined; gates: ProviderGates; repair: boolean; signal?: AbortSignal },
): Promise<SampleRecord> {
  const { result } = generated;
  const extracted = extractAnswer(result.text, job.task);
  const gradeStarted = performance.now();
  const graded: GradeResult = context.grader
    ? await context.grader.grade(job.task, extracted.code, { signal: context.signal })
    : { verdict: 'unscored', detail: 'not graded (grading is off)' };
  const record: SampleRecord = {
    ...keyOf(job),
    verdict: graded.verdict,
    detail: graded.detail,
    rawCompletion: result.text,
    code: extracted.code,
    reasoning: result.reasoning,
    finishReason: result.finishReason,
    usage: result.usage,
    ttftMs: result.timing.ttftMs,
    generateMs: Math.round(result.timing.totalMs),
    // The sandbox run itself, not the wait for a free sandbox slot.
    gradeMs: graded.wallMs ?? Math.round(performance.now() - gradeStarted),
    output: graded.output,
    requestId: result.requestId,
    costUsd: job.model.cost ? job.model.cost(result.usage) : undefined,
    providerCostUsd: result.providerCostUsd,
    attempts: generated.attempts,
    createdAt: new Date().toISOString(),
  };
  if (context.repair && context.grader && isRepairable(graded)) {
    record.repair = await repairSample(job, result.text, graded, context.grader, context.gates, context.signal);
  }
  return record;
}

function isRepairable(graded: GradeResult): boolean {
  return graded.verdict === 'fail' || graded.verdict === 'error' || graded.verdict === 'timeout';
}

async function repairSample(job: SampleJob, firstAnswer: string, first: GradeResult, grader: TaskGrader, gates: ProviderGates, signal?: AbortSignal): Promise<RepairRecord> {
  const testOutput = [first.detail, first.output ?? ''].join('\n');
  const started = performance.now();
  try {
    const { result } = await gates.generate(job.model, {
      taskId: job.task.id,
      messages: buildRepairPrompt(job.task, firstAnswer, testOutput),
      sampleIndex: job.sampleIndex,
      ...requestParams(job.model),
    });
    const code = extractAnswer(result.text, job.task).code;
    const gradeStarted = performance.now();
    const graded = await grader.grade(job.task, code, { signal });
    return {
      verdict: graded.verdict,
      detail: graded.detail,
      rawCompletion: result.text,
      code,
      usage: result.usage,
      costUsd: job.model.cost ? job.model.cost(result.usage) : undefined,
      generateMs: Math.round(result.timing.totalMs),
      gradeMs: graded.wallMs ?? Math.round(performance.now() - gradeStarted),
      output: graded.output,
    };
  } catch (error) {
    return { verdict: 'unscored', detail: `repair generation failed: ${(error as Error).message}`, rawCompletion: '', usage: {}, generateMs: Math.round(performance.now() - started) };
  }
}

function requestParams(model: RunModel): { temperature?: number; maxTokens?: number; seed?: number } {
  const p = model.config.params as { temperature?: number; maxTokens?: number; seed?: number };
  return { temperature: p.temperature, maxTokens: p.maxTokens, seed: p.seed };
}

function keyOf(job: SampleJob) {
  return { runId: job.runId, configId: job.model.config.configId, taskId: job.task.id, sampleIndex: job.sampleIndex };
}
