import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelConfig, RunSpec, SampleRecord } from '../core/run-spec.ts';

/** A fresh directory under the OS temp dir, and a function that removes it. */
export function makeTempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'codebench-store-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const REFERENCE: ModelConfig = {
  name: 'reference',
  provider: 'reference',
  model: 'reference',
  params: {},
  configId: 'cfg-reference',
};

export const DEEPSEEK: ModelConfig = {
  name: 'deepseek:deepseek-chat',
  provider: 'deepseek',
  model: 'deepseek-chat',
  params: { temperature: 0.2, maxTokens: 4096 },
  configId: 'cfg-deepseek',
};

export function makeSpec(overrides: Partial<RunSpec> = {}): RunSpec {
  return {
    name: 'smoke',
    models: [REFERENCE, DEEPSEEK],
    suites: ['codebench'],
    samples: 2,
    concurrency: 4,
    sandbox: 'bwrap',
    harnessVersion: '0.1.0',
    corpusHash: 'c0ffee',
    ...overrides,
  };
}

/** A sample with only the required fields set. */
export function makeSample(runId: string, overrides: Partial<SampleRecord> = {}): SampleRecord {
  return {
    runId,
    configId: REFERENCE.configId,
    taskId: 'cb/py/run-length-decode',
    sampleIndex: 0,
    verdict: 'pass',
    detail: '3 tests passed',
    rawCompletion: '```python\ndef f():\n    return 1\n```',
    usage: {},
    attempts: 1,
    createdAt: '2026-11-22T03:15:01.000Z',
    ...overrides,
  };
}

/** A sample with every optional field set. */
export function makeFullSample(runId: string, overrides: Partial<SampleRecord> = {}): SampleRecord {
  return makeSample(runId, {
    configId: DEEPSEEK.configId,
    verdict: 'fail',
    detail: 'AssertionError: expected 3, got 4',
    code: 'def f():\n    return 4\n',
    reasoning: 'Think step by step.',
    finishReason: { unified: 'stop', raw: 'end_turn' },
    usage: { inputTokens: 120, cacheReadTokens: 0, cacheWriteTokens: 64, outputTokens: 33, reasoningTokens: 12 },
    ttftMs: 412.5,
    generateMs: 1830,
    gradeMs: 97.25,
    output: 'Traceback (most recent call last):\n  ...',
    requestId: 'req_abc123',
    costUsd: 0.000123,
    providerCostUsd: 0.00012,
    attempts: 2,
    repair: { verdict: 'pass', detail: 'passed', rawCompletion: 'fixed', code: 'def f():\n    return 3\n', usage: { inputTokens: 200, outputTokens: 20 }, costUsd: 0.0002, generateMs: 900, gradeMs: 80 },
    ...overrides,
  });
}
