import type { Analysis, RunInfo } from '../compare/analyze-runs.ts';
import type { Comparison } from '../compare/compare-to-baseline.ts';
import type { ModelReport } from '../compare/model-summary.ts';
import type { Recommendation } from '../compare/recommend.ts';

export const LEADERBOARD_SCHEMA = 'codebench.leaderboard/v1';

// Rounding is fixed so two runs over the same data print the same bytes, and so that float noise
// (0.09999999999999999) never shows. Unknown figures are null, never 0.
const r = (x: number | undefined, places: number): number | null => (x === undefined ? null : Number(x.toFixed(places)));
const share = (x: number | undefined) => r(x, 6);
const money = (x: number | undefined) => r(x, 8);
const millis = (x: number | undefined) => r(x, 1);
const prob = (x: number | undefined) => (x === undefined ? null : Number(x.toPrecision(6)));

/** The published JSON, schema `codebench.leaderboard/v1` (see leaderboard.schema.json and docs/cli.md). */
export function toLeaderboard(analysis: Analysis): Record<string, unknown> {
  const comparisons = new Map(analysis.comparisons.map((c) => [c.configId, c]));
  const frontier = new Set(analysis.frontier);
  return {
    schema: LEADERBOARD_SCHEMA,
    settings: {
      baseline: analysis.baseline?.configId ?? null,
      margin: analysis.margin,
      alpha: analysis.alpha,
      confidence: Number((1 - analysis.alpha).toFixed(6)),
      seed: analysis.seed,
    },
    runs: analysis.runs.map(runMeta),
    models: analysis.models.map((m, i) => modelRow(m, i + 1, comparisons.get(m.configId), frontier.has(m.configId), m.configId === analysis.baseline?.configId)),
    recommendation: analysis.recommendation ? recommendation(analysis.recommendation) : null,
    tasks: taskGrid(analysis),
  };
}

/** Two-space indented JSON with a final newline. */
export function formatLeaderboard(analysis: Analysis): string {
  return `${JSON.stringify(toLeaderboard(analysis), null, 2)}\n`;
}

function runMeta(run: RunInfo) {
  return {
    id: run.id,
    name: run.name,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt ?? null,
    harnessVersion: run.harnessVersion,
    gitCommit: run.spec.gitCommit ?? null,
    corpusHash: run.corpusHash,
    suites: run.spec.suites,
    host: run.host,
    sandbox: run.spec.sandbox,
    samplesPerTask: run.spec.samples,
    timeoutSeconds: run.spec.timeoutSeconds ?? null,
    repair: run.spec.repair ?? false,
    shard: run.spec.shard ?? null,
  };
}

function modelRow(m: ModelReport & { runId: string }, rank: number, vs: Comparison | undefined, paretoOptimal: boolean, isBaseline: boolean) {
  return {
    rank,
    runId: m.runId,
    configId: m.configId,
    name: m.name,
    provider: m.provider,
    model: m.model,
    baseUrlHost: baseUrlHost(m.params),
    params: m.params,
    prices: (m.params.prices as Record<string, unknown> | undefined) ?? null,
    scores: {
      tasks: m.tasks,
      tasksAttempted: m.tasksAttempted,
      samples: m.samples,
      scoredSamples: m.scoredSamples,
      passAt1: share(m.passAt1),
      passAt1Ci: m.passAt1Ci ? { lower: share(m.passAt1Ci.lower), upper: share(m.passAt1Ci.upper), method: m.passAt1Ci.method } : null,
      passAtK: Object.fromEntries(m.passAtK.map((p) => [String(p.k), share(p.value)])),
      passAfterRepair: share(m.passAfterRepair),
      wellFormedShare: share(m.wellFormedShare),
      truncatedShare: share(m.truncatedShare),
      verdicts: { ...m.counts },
    },
    usage: {
      tokens: {
        input: m.tokens.input ?? null,
        cacheRead: m.tokens.cacheRead ?? null,
        cacheWrite: m.tokens.cacheWrite ?? null,
        output: m.tokens.output ?? null,
        reasoning: m.tokens.reasoning ?? null,
      },
      costUsd: {
        total: money(m.cost.totalUsd),
        perTask: money(m.cost.perTaskUsd),
        perSolvedTask: money(m.cost.perSolvedTaskUsd),
        providerReported: money(m.cost.providerTotalUsd),
        unpricedSamples: m.cost.unpricedSamples,
      },
    },
    latency: {
      ttftMsP50: millis(m.latency.ttftP50Ms),
      ttftMsP95: millis(m.latency.ttftP95Ms),
      totalMsP50: millis(m.latency.totalP50Ms),
      totalMsP95: millis(m.latency.totalP95Ms),
      outputTokensPerSecond: r(m.latency.outputTokensPerSecond, 2),
    },
    isBaseline,
    paretoOptimal,
    vsBaseline: vs ? comparison(vs) : null,
  };
}

function comparison(c: Comparison) {
  return {
    verdict: c.verdict,
    difference: share(c.difference),
    differenceCi: c.differenceCi ? { lower: share(c.differenceCi.lower), upper: share(c.differenceCi.upper) } : null,
    pValue: prob(c.pValue),
    nonInferiorityP: prob(c.nonInferiorityP),
    costRatio: r(c.costRatio, 6),
    pairedTasks: c.pairedTasks,
    firstSamplePairs: c.firstPairs,
    candidateOnly: c.candidateOnly,
    baselineOnly: c.baselineOnly,
    tasksNeeded: c.tasksNeeded ?? null,
  };
}

function recommendation(rec: Recommendation) {
  return {
    baseline: rec.baseline,
    switchTo: rec.switchTo ? { name: rec.switchTo.name, configId: rec.switchTo.configId, costRatio: r(rec.switchTo.costRatio, 6) } : null,
    fallback: rec.fallback
      ? {
          primary: rec.fallback.primary,
          fallback: rec.fallback.fallback,
          unionPassRate: share(rec.fallback.unionPassRate),
          gain: share(rec.fallback.gain),
          expectedCostPerTaskUsd: money(rec.fallback.expectedCostPerTaskUsd),
        }
      : null,
    lines: rec.lines,
  };
}

/** One row per task id across all models: scored samples, first-try passes, sample 0's verdict. */
function taskGrid(analysis: Analysis) {
  const ids = [...new Set(analysis.models.flatMap((m) => m.outcomes.map((o) => o.taskId)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const lookups = analysis.models.map((m) => [m.configId, new Map(m.outcomes.map((o) => [o.taskId, o]))] as const);
  return ids.map((id) => ({
    id,
    results: Object.fromEntries(
      lookups.flatMap(([configId, byTask]) => {
        const o = byTask.get(id);
        return o ? [[configId, { n: o.n, passed: o.c, first: o.first ?? null }]] : [];
      }),
    ),
  }));
}

function baseUrlHost(params: Record<string, unknown>): string | null {
  const url = params.baseUrl ?? params.baseURL;
  if (typeof url !== 'string') return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
