import type { FinishReason, UnifiedFinishReason, Usage } from '../core/generate.ts';
import type { RepairRecord, SampleRecord } from '../core/run-spec.ts';
import { type Verdict, VERDICTS } from '../core/verdict.ts';

/** A `samples` row as SQLite hands it back: absent values are NULL. */
export interface SampleRow {
  run_id: string;
  config_id: string;
  task_id: string;
  sample_index: number;
  verdict: string;
  detail: string;
  raw_completion: string;
  code: string | null;
  reasoning: string | null;
  finish_unified: string | null;
  finish_raw: string | null;
  input_tokens: number | null;
  cache_read_tokens: number | null;
  cache_write_tokens: number | null;
  output_tokens: number | null;
  reasoning_tokens: number | null;
  ttft_ms: number | null;
  generate_ms: number | null;
  grade_ms: number | null;
  output: string | null;
  request_id: string | null;
  attempts: number;
  created_at: string;
  cost_usd: number | null;
  provider_cost_usd: number | null;
  repair_json: string | null;
}

export const SAMPLE_COLUMNS = [
  'run_id',
  'config_id',
  'task_id',
  'sample_index',
  'verdict',
  'detail',
  'raw_completion',
  'code',
  'reasoning',
  'finish_unified',
  'finish_raw',
  'input_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'output_tokens',
  'reasoning_tokens',
  'ttft_ms',
  'generate_ms',
  'grade_ms',
  'output',
  'request_id',
  'attempts',
  'created_at',
  'cost_usd',
  'provider_cost_usd',
  'repair_json',
] as const satisfies readonly (keyof SampleRow)[];

export const SAMPLE_KEY_COLUMNS = ['run_id', 'config_id', 'task_id', 'sample_index'] as const;

/** Checks what SQLite's CHECK constraints would reject, with messages that name the field. */
export function checkSample(record: SampleRecord): void {
  if (!VERDICTS.includes(record.verdict)) {
    throw new TypeError(`Expected \`verdict\` to be one of ${VERDICTS.join(', ')}, got ${String(record.verdict)}`);
  }
  checkCount('sampleIndex', record.sampleIndex);
  checkCount('attempts', record.attempts);
  for (const [key, value] of Object.entries(record.usage)) {
    if (value !== undefined) checkCount(`usage.${key}`, value);
  }
  for (const key of ['ttftMs', 'generateMs', 'gradeMs', 'costUsd', 'providerCostUsd'] as const) {
    const value = record[key];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new TypeError(`Expected \`${key}\` to be a finite number from 0 and up, got ${value}`);
    }
  }
}

function checkCount(name: string, value: unknown): void {
  if (!(Number.isSafeInteger(value) && (value as number) >= 0)) {
    throw new TypeError(`Expected \`${name}\` to be an integer from 0 and up, got ${String(value)}`);
  }
}

export function sampleToRow(record: SampleRecord): SampleRow {
  checkSample(record);
  return {
    run_id: record.runId,
    config_id: record.configId,
    task_id: record.taskId,
    sample_index: record.sampleIndex,
    verdict: record.verdict,
    detail: record.detail,
    raw_completion: record.rawCompletion,
    code: record.code ?? null,
    reasoning: record.reasoning ?? null,
    finish_unified: record.finishReason?.unified ?? null,
    finish_raw: record.finishReason?.raw ?? null,
    input_tokens: record.usage.inputTokens ?? null,
    cache_read_tokens: record.usage.cacheReadTokens ?? null,
    cache_write_tokens: record.usage.cacheWriteTokens ?? null,
    output_tokens: record.usage.outputTokens ?? null,
    reasoning_tokens: record.usage.reasoningTokens ?? null,
    ttft_ms: record.ttftMs ?? null,
    generate_ms: record.generateMs ?? null,
    grade_ms: record.gradeMs ?? null,
    output: record.output ?? null,
    request_id: record.requestId ?? null,
    attempts: record.attempts,
    created_at: record.createdAt,
    cost_usd: record.costUsd ?? null,
    provider_cost_usd: record.providerCostUsd ?? null,
    repair_json: record.repair === undefined ? null : JSON.stringify(record.repair),
  };
}

/**
 * The inverse of `sampleToRow`. Optional fields that were NULL are left out entirely rather than
 * set to `undefined`, so records print and serialise the way they were written.
 */
export function rowToSample(row: SampleRow): SampleRecord {
  const usage: Usage = withoutUndefined({
    inputTokens: orUndefined(row.input_tokens),
    cacheReadTokens: orUndefined(row.cache_read_tokens),
    cacheWriteTokens: orUndefined(row.cache_write_tokens),
    outputTokens: orUndefined(row.output_tokens),
    reasoningTokens: orUndefined(row.reasoning_tokens),
  });
  const finishReason: FinishReason | undefined =
    row.finish_unified === null
      ? undefined
      : { unified: row.finish_unified as UnifiedFinishReason, raw: orUndefined(row.finish_raw) };
  return withoutUndefined({
    runId: row.run_id,
    configId: row.config_id,
    taskId: row.task_id,
    sampleIndex: row.sample_index,
    verdict: row.verdict as Verdict,
    detail: row.detail,
    rawCompletion: row.raw_completion,
    code: orUndefined(row.code),
    reasoning: orUndefined(row.reasoning),
    finishReason,
    usage,
    ttftMs: orUndefined(row.ttft_ms),
    generateMs: orUndefined(row.generate_ms),
    gradeMs: orUndefined(row.grade_ms),
    output: orUndefined(row.output),
    requestId: orUndefined(row.request_id),
    costUsd: orUndefined(row.cost_usd),
    providerCostUsd: orUndefined(row.provider_cost_usd),
    attempts: row.attempts,
    repair: row.repair_json === null ? undefined : (JSON.parse(row.repair_json) as RepairRecord),
    createdAt: row.created_at,
  });
}

function orUndefined<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}
