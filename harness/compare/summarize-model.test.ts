import { describe, expect, it } from 'vitest';
import type { SampleRecord } from '../core/run-spec.ts';
import type { Verdict } from '../core/verdict.ts';
import { summarizeModel } from './summarize-model.ts';
import { configOf } from './test-scripted-run.ts';

const config = configOf('scripted:m');
function sample(taskId: string, sampleIndex: number, verdict: Verdict, extra: Partial<SampleRecord> = {}): SampleRecord {
  return { runId: 'r', configId: config.configId, taskId, sampleIndex, verdict, detail: '', rawCompletion: 'x', code: 'x', usage: { outputTokens: 10 }, attempts: 1, createdAt: '2025-01-01T00:00:00Z', costUsd: 0.5, ...extra };
}

describe('summarizeModel', () => {
  it('keeps unscored samples out of every denominator but counts them', () => {
    const s = summarizeModel(config, [sample('a', 0, 'pass'), sample('a', 1, 'unscored', { rawCompletion: '', usage: {}, costUsd: undefined }), sample('b', 0, 'fail')]);
    expect(s).toMatchObject({ tasks: 2, samples: 3, scoredSamples: 2, passAt1: 0.5, counts: { pass: 1, fail: 1, unscored: 1 } });
    // The failed generation cost nothing we know of and does not make the total unknown.
    expect(s.cost).toEqual({ unpricedSamples: 0, totalUsd: 1, perTaskUsd: 0.5, perSolvedTaskUsd: 1 });
  });

  it('leaves cost unknown, never $0, when an answer has no price, and reports the provider\'s own bill', () => {
    const s = summarizeModel(config, [sample('a', 0, 'pass', { costUsd: undefined, providerCostUsd: 0.02 }), sample('b', 0, 'pass')]);
    expect(s.cost).toEqual({ unpricedSamples: 1, providerTotalUsd: 0.02 });
  });

  it('uses a seeded bootstrap over tasks with several samples per task, and reports pass@k', () => {
    const records = ['a', 'b', 'c', 'd'].flatMap((t, i) => [0, 1, 2, 3, 4].map((k) => sample(t, k, k <= i ? 'pass' : 'fail')));
    const one = summarizeModel(config, records, { seed: 7 });
    expect(one.passAt1Ci?.method).toBe('bootstrap');
    expect(summarizeModel(config, records, { seed: 7 }).passAt1Ci).toEqual(one.passAt1Ci);
    expect(one.passAt1).toBeCloseTo((1 + 2 + 3 + 4) / 20, 12);
    expect(one.passAtK).toEqual([{ k: 1, value: one.passAt1 }, { k: 5, value: 1 }]);
  });

  it('reports pass after repair, truncation and well-formedness', () => {
    const s = summarizeModel(
      config,
      [
        sample('a', 0, 'fail', { repair: { verdict: 'pass', detail: '', rawCompletion: 'y', usage: { outputTokens: 5 }, costUsd: 0.25 } }),
        sample('b', 0, 'no-code', { code: undefined, finishReason: { unified: 'length', raw: 'length' } }),
      ],
      { repair: true },
    );
    expect(s).toMatchObject({ passAt1: 0, passAfterRepair: 0.5, wellFormedShare: 0.5, truncatedShare: 0.5, tokens: { output: 25 } });
    expect(s.cost.totalUsd).toBe(1.25);
    expect(s.cost.perSolvedTaskUsd).toBe(1.25);
  });

  it('gives defined values, not NaN, for a model with no samples', () => {
    const s = summarizeModel(config, []);
    expect(s).toMatchObject({ tasks: 0, samples: 0, passAtK: [{ k: 1 }], cost: { unpricedSamples: 0 }, latency: {} });
    expect(s.passAt1).toBeUndefined();
    expect(JSON.stringify(s)).not.toMatch(/NaN|null/);
  });
});
