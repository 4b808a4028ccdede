import { describe, expect, it } from 'vitest';
import { analyzeRuns } from './analyze-runs.ts';
import { scriptedRun, type ScriptedModel, tempStore } from './test-scripted-run.ts';

// 200 synthetic tasks; the baseline solves 80% (every task whose index is not a multiple of 5).
const baseSolves = (i: number) => i % 5 !== 0;
const base: ScriptedModel = { name: 'scripted:base', cost: 0.01, solves: baseSolves };
// Built non-inferior: it loses 4 of the baseline's tasks and wins 2 others (−1 point), at a tenth of the price.
const cheap: ScriptedModel = { name: 'scripted:cheap', cost: 0.001, solves: (i) => (i === 1 || i === 2 || i === 3 || i === 4 ? false : i === 0 || i === 5 ? true : baseSolves(i)) };
// Built 8 points worse: it loses 16 of the baseline's tasks and wins none, also at a tenth of the price.
const worse: ScriptedModel = { name: 'scripted:worse', cost: 0.001, solves: (i) => baseSolves(i) && !(i % 5 === 1 && i < 80) };

async function analyze(models: ScriptedModel[]) {
  const { store } = tempStore();
  const runId = await scriptedRun(store, models);
  const run = store.getRun(runId)!;
  const analysis = analyzeRuns({ runs: [{ run, samples: store.listSamples(runId) }], baseline: 'scripted:base', margin: 0.05 });
  store.close();
  return analysis;
}

describe('analyzeRuns on scripted runs of 200 tasks', () => {
  it('recommends a candidate built to be non-inferior and 10× cheaper', async () => {
    const analysis = await analyze([base, cheap]);
    const [comparison] = analysis.comparisons;
    expect(comparison).toMatchObject({ name: 'scripted:cheap', verdict: 'non-inferior', pairedTasks: 200, candidateOnly: 2, baselineOnly: 4 });
    expect(comparison!.difference).toBeCloseTo(-0.01, 12);
    expect(comparison!.costRatio).toBeCloseTo(0.1, 12);
    expect(comparison!.differenceCi!.lower).toBeGreaterThan(-0.05);
    expect(comparison!.nonInferiorityP).toBeLessThan(0.025);
    expect(analysis.recommendation!.switchTo).toMatchObject({ name: 'scripted:cheap' });
    expect(analysis.recommendation!.lines[0]).toMatch(/^Switch to scripted:cheap: non-inferior to scripted:base within 5\.0 points .* at 0\.10× the cost per task\.$/);
    expect(analysis.frontier).toEqual(['cfg-scripted-cheap', 'cfg-scripted-base']);
  });

  it('rejects a candidate built to be 8 points worse, however cheap', async () => {
    const analysis = await analyze([base, worse]);
    const [comparison] = analysis.comparisons;
    expect(comparison).toMatchObject({ name: 'scripted:worse', verdict: 'worse', candidateOnly: 0, baselineOnly: 16 });
    expect(comparison!.difference).toBeCloseTo(-0.08, 12);
    expect(comparison!.pValue).toBeLessThan(0.001);
    expect(comparison!.differenceCi!.upper).toBeLessThan(0);
    expect(analysis.recommendation!.switchTo).toBeUndefined();
    expect(analysis.recommendation!.lines[0]).toMatch(/^Keep scripted:base/);
    expect(analysis.recommendation!.lines.join('\n')).toMatch(/scripted:worse is worse than scripted:base \(Δ −8\.0 points, p < 0\.0001\): rejected\./);
  });

  it('summarises each model: pass@1 with a Wilson interval, tokens, cost per solved task, latency', async () => {
    const analysis = await analyze([base, cheap, worse]);
    const summary = analysis.models.find((m) => m.name === 'scripted:base')!;
    expect(summary).toMatchObject({ tasks: 200, samples: 200, passAt1: 0.8, wellFormedShare: 1, truncatedShare: 0 });
    expect(summary.passAt1Ci).toMatchObject({ method: 'wilson' });
    expect(summary.passAt1Ci!.lower).toBeCloseTo(0.7391, 3);
    expect(summary.tokens).toEqual({ input: 24_000, cacheRead: 0, output: 8000 });
    expect(summary.cost.totalUsd).toBeCloseTo(2, 10);
    expect(summary.cost.perSolvedTaskUsd).toBeCloseTo(2 / 160, 12);
    expect(summary.latency.ttftP50Ms).toBe(145);
    expect(summary.latency.outputTokensPerSecond).toBeCloseTo(8000 / (200 * 490 / 1000), 6);
    // Ordered by pass@1, then cost.
    expect(analysis.models.map((m) => m.name)).toEqual(['scripted:base', 'scripted:cheap', 'scripted:worse']);
    expect(analysis.recommendation!.fallback).toMatchObject({ candidate: 'scripted:cheap', primary: 'scripted:cheap', fallback: 'scripted:base' });
  });

  it('says how many more tasks would settle a comparison the data cannot decide', async () => {
    const { store } = tempStore();
    const runId = await scriptedRun(store, [base, cheap], { taskCount: 30 });
    const analysis = analyzeRuns({ runs: [{ run: store.getRun(runId)!, samples: store.listSamples(runId) }], baseline: 'scripted:base' });
    const [comparison] = analysis.comparisons;
    expect(comparison!.verdict).toBe('inconclusive');
    expect(comparison!.tasksNeeded).toBeGreaterThan(30);
    expect(analysis.recommendation!.lines.join('\n')).toMatch(/inconclusive .*: the data cannot tell yet: about \d+ paired tasks \(\d+ more than the 30 now\) would likely settle it at 80% power\./);
    store.close();
  });

  it('names an unknown baseline as a usage error', async () => {
    expect(() => analyzeRuns({ runs: [], baseline: 'nope' })).toThrow(/--baseline "nope": no such model/);
    expect(() => analyzeRuns({ runs: [], margin: 2 })).toThrow(/--margin/);
  });
});
