// Test support: a stored scripted run of four models over 200 tasks, analysed against a baseline.
import { type Analysis, analyzeRuns } from '../compare/analyze-runs.ts';
import { scriptedRun, type ScriptedModel, tempStore } from '../compare/test-scripted-run.ts';

const baseSolves = (i: number) => i % 5 !== 0;
export const DEMO_MODELS: ScriptedModel[] = [
  { name: 'scripted:base', cost: 0.01, solves: baseSolves, outputTokens: 300 },
  { name: 'scripted:cheap', cost: 0.001, solves: (i) => (i >= 1 && i <= 4 ? false : i === 0 || i === 5 ? true : baseSolves(i)), outputTokens: 200 },
  { name: 'scripted:mid', cost: 0.004, solves: (i) => baseSolves(i) !== (i % 17 === 3) },
  { name: 'scripted:worse', cost: 0.001, solves: (i) => baseSolves(i) && !(i % 5 === 1 && i < 80) },
];

/** The store path and a function that analyses it afresh (to check two reports are byte-identical). */
export async function demoStore(): Promise<{ path: string; analyze: (baseline?: string) => Analysis }> {
  const { store, path } = tempStore('codebench-report-');
  const runId = await scriptedRun(store, DEMO_MODELS, { name: 'demo' });
  const analyze = (baseline = 'scripted:base') => analyzeRuns({ runs: [{ run: store.getRun(runId)!, samples: store.listSamples(runId) }], baseline, margin: 0.05 });
  return { path, analyze };
}
