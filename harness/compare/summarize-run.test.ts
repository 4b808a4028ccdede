import { describe, expect, it } from 'vitest';
import { summarizeRun } from './summarize-run.ts';
import { configOf, scriptedRun, tempStore } from './test-scripted-run.ts';

describe('summarizeRun', () => {
  it('keeps the end-of-run fields and adds the full summary, without per-task rows', async () => {
    const { store } = tempStore();
    const runId = await scriptedRun(store, [{ name: 'scripted:m', cost: 0.002, solves: (i) => i % 2 === 0 }], { taskCount: 10 });
    const [summary] = summarizeRun([configOf('scripted:m'), configOf('scripted:absent')], store.listSamples(runId));
    expect(summary).toMatchObject({ name: 'scripted:m', configId: 'cfg-scripted-m', tasks: 10, samples: 10, passAt1: 0.5, counts: { pass: 5, fail: 5 } });
    expect(summary!.totalMs).toBeGreaterThan(0);
    expect(summary!.cost.totalUsd).toBeCloseTo(0.02, 12);
    expect(summary).not.toHaveProperty('outcomes');
    store.close();
  });

  it('gives an empty summary, with passAt1 undefined, for a model with no samples', () => {
    const [summary] = summarizeRun([configOf('scripted:absent')], []);
    expect(summary).toMatchObject({ tasks: 0, samples: 0, totalMs: 0 });
    expect(summary!.passAt1).toBeUndefined();
  });
});
