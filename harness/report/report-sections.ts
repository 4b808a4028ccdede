import type { Analysis, RunInfo } from '../compare/analyze-runs.ts';
import type { ModelReport } from '../compare/model-summary.ts';
import { count, DASH, ms, percent, percentInterval, points, pointsInterval, pValue, rate, ratio, usd } from './format-figures.ts';

/** One titled table of a report; the terminal, Markdown and HTML outputs all print these. */
export interface Section {
  title: string;
  header: string[];
  rows: string[][];
}

/** pass@k columns beyond pass@1 that some model can estimate, in rising k. */
function extraKs(models: readonly ModelReport[]): number[] {
  const ks = new Set(models.flatMap((m) => m.passAtK.filter((p) => p.k > 1 && p.value !== undefined).map((p) => p.k)));
  return [...ks].sort((a, b) => a - b);
}

export function qualitySection(analysis: Analysis): Section {
  const ks = extraKs(analysis.models);
  const repair = analysis.models.some((m) => m.passAfterRepair !== undefined);
  const header = ['model', 'tasks', 'samples', 'pass@1', '95% CI', ...ks.map((k) => `pass@${k}`), ...(repair ? ['after repair'] : []), 'well-formed', 'truncated', 'fail', 'error', 'timeout', 'no-code', 'unscored'];
  const rows = analysis.models.map((m) => [
    m.name + (m.configId === analysis.baseline?.configId ? ' (baseline)' : ''),
    count(m.tasks),
    count(m.samples),
    percent(m.passAt1),
    percentInterval(m.passAt1Ci),
    ...ks.map((k) => percent(m.passAtK.find((p) => p.k === k)?.value)),
    ...(repair ? [percent(m.passAfterRepair)] : []),
    percent(m.wellFormedShare),
    percent(m.truncatedShare),
    count(m.counts.fail),
    count(m.counts.error),
    count(m.counts.timeout),
    count(m.counts['no-code']),
    count(m.counts.unscored),
  ]);
  return { title: 'Quality', header, rows };
}

export function costSection(analysis: Analysis): Section {
  const frontier = new Set(analysis.frontier);
  const header = ['model', 'in tok', 'cache read', 'cache write', 'out tok', 'reasoning', '$ total', '$/task', '$/solved', 'provider $', 'TTFT p50', 'TTFT p95', 'total p50', 'total p95', 'out tok/s', 'Pareto'];
  const rows = analysis.models.map((m) => [
    m.name,
    count(m.tokens.input),
    count(m.tokens.cacheRead),
    count(m.tokens.cacheWrite),
    count(m.tokens.output),
    count(m.tokens.reasoning),
    m.cost.unpricedSamples > 0 ? `unknown (${m.cost.unpricedSamples} unpriced)` : usd(m.cost.totalUsd),
    usd(m.cost.perTaskUsd),
    usd(m.cost.perSolvedTaskUsd),
    usd(m.cost.providerTotalUsd),
    ms(m.latency.ttftP50Ms),
    ms(m.latency.ttftP95Ms),
    ms(m.latency.totalP50Ms),
    ms(m.latency.totalP95Ms),
    rate(m.latency.outputTokensPerSecond),
    frontier.has(m.configId) ? 'yes' : 'no',
  ]);
  return { title: 'Cost and speed', header, rows };
}

/** Undefined without a baseline. */
export function comparisonSection(analysis: Analysis): Section | undefined {
  if (!analysis.baseline) return undefined;
  const frontier = new Set(analysis.frontier);
  const header = ['candidate', 'Δ pass@1', '95% CI', 'p (McNemar)', 'p (non-inf.)', 'verdict', 'cost ratio', 'Pareto', 'tasks'];
  const rows = analysis.comparisons.map((c) => [
    c.name,
    points(c.difference),
    pointsInterval(c.differenceCi),
    pValue(c.pValue),
    pValue(c.nonInferiorityP),
    c.verdict,
    ratio(c.costRatio),
    frontier.has(c.configId) ? 'yes' : 'no',
    c.tasksNeeded === undefined ? count(c.pairedTasks) : `${c.pairedTasks} (need ~${c.tasksNeeded})`,
  ]);
  return { title: `Against ${analysis.baseline.name} (margin ${(analysis.margin * 100).toFixed(1)} points)`, header, rows };
}

export function sections(analysis: Analysis): Section[] {
  const comparison = comparisonSection(analysis);
  return [qualitySection(analysis), costSection(analysis), ...(comparison ? [comparison] : [])];
}

/** The recommendation sentences, or how to get one. */
export function recommendationLines(analysis: Analysis): string[] {
  if (analysis.recommendation) return analysis.recommendation.lines;
  if (analysis.models.length < 2) return [];
  return ['No baseline chosen: add --baseline MODEL for verdicts and a recommendation.'];
}

/** Reproducibility metadata, one line per run. */
export function runLines(runs: readonly RunInfo[]): string[] {
  return runs.map((run) =>
    [
      `run ${run.id} "${run.name}" (${run.status})`,
      `started ${run.startedAt}`,
      `finished ${run.finishedAt ?? DASH}`,
      `harness ${run.harnessVersion}`,
      `commit ${run.spec.gitCommit?.slice(0, 12) ?? DASH}`,
      `corpus ${run.corpusHash}`,
      `suites ${run.spec.suites.join(', ')}`,
      `${run.spec.samples} sample(s)/task`,
      `host ${run.host}`,
      `sandbox ${run.spec.sandbox}`,
      ...(run.spec.repair ? ['repair on'] : []),
      ...(run.spec.shard ? [`shard ${run.spec.shard}`] : []),
    ].join(', '),
  );
}
