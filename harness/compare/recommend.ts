import type { Comparison } from './compare-to-baseline.ts';
import { pairOutcomes } from './compare-to-baseline.ts';
import type { ModelReport } from './model-summary.ts';

export interface FallbackPair {
  /** The cheaper of the two, asked first. */
  primary: string;
  /** Asked when the primary's answer fails its tests. */
  fallback: string;
  candidate: string;
  /** Share of paired tasks either solves (per-task pass rates combined as independent tries). */
  unionPassRate: number;
  /** Over the baseline alone, on the same tasks. */
  gain: number;
  /** The primary's cost plus the fallback's for the share the primary fails; `undefined` if a price is unknown. */
  expectedCostPerTaskUsd?: number;
}

export interface Recommendation {
  baseline: string;
  /** The cheapest candidate shown non-inferior (or better) that costs less than the baseline. */
  switchTo?: { name: string; configId: string; costRatio?: number };
  fallback?: FallbackPair;
  /** One sentence each, for every output format. */
  lines: string[];
}

const points = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;
const ratio = (x: number | undefined) => (x === undefined ? 'unknown cost' : `${x < 0.095 ? x.toFixed(3) : x.toFixed(2)}× the cost per task`);

export function recommend(baseline: ModelReport, candidates: readonly ModelReport[], comparisons: readonly Comparison[], margin: number): Recommendation {
  const byId = new Map(candidates.map((m) => [m.configId, m]));
  const lines: string[] = [];
  const acceptable = comparisons
    .filter((c) => c.verdict === 'better' || c.verdict === 'non-inferior')
    .filter((c) => c.costRatio !== undefined && c.costRatio < 1)
    .sort((a, b) => a.costRatio! - b.costRatio! || (a.name < b.name ? -1 : 1));
  const choice = acceptable[0];
  const recommendation: Recommendation = { baseline: baseline.name, lines };
  if (choice) {
    recommendation.switchTo = { name: choice.name, configId: choice.configId, costRatio: choice.costRatio };
    lines.push(
      `Switch to ${choice.name}: ${choice.verdict === 'better' ? `better than ${baseline.name}` : `non-inferior to ${baseline.name} within ${(margin * 100).toFixed(1)} points`} ` +
        `(Δ pass@1 ${points(choice.difference!)} points, 95% CI ${points(choice.differenceCi!.lower)} to ${points(choice.differenceCi!.upper)}) at ${ratio(choice.costRatio)}.`,
    );
  } else {
    lines.push(`Keep ${baseline.name}: no candidate was shown to be non-inferior within ${(margin * 100).toFixed(1)} points at a lower cost.`);
  }
  for (const c of comparisons) {
    if (c === choice) continue;
    lines.push(describe(c, baseline.name));
  }
  const fallback = bestFallback(baseline, comparisons.map((c) => byId.get(c.configId)!).filter(Boolean));
  if (fallback) {
    recommendation.fallback = fallback;
    lines.push(
      `Best fallback pair: ${fallback.primary}, then ${fallback.fallback} when its answer fails: ${(fallback.unionPassRate * 100).toFixed(1)}% of tasks ` +
        `(${points(fallback.gain)} points over ${baseline.name} alone)` +
        (fallback.expectedCostPerTaskUsd === undefined ? '.' : `, about $${fallback.expectedCostPerTaskUsd.toPrecision(3)} per task.`),
    );
  }
  return recommendation;
}

function describe(c: Comparison, baseline: string): string {
  const delta = c.difference === undefined ? '' : ` (Δ ${points(c.difference)} points${c.pValue === undefined ? '' : `, ${formatP(c.pValue)}`})`;
  switch (c.verdict) {
    case 'better':
      return `${c.name} is better than ${baseline}${delta}, at ${ratio(c.costRatio)}.`;
    case 'non-inferior':
      return `${c.name} is non-inferior to ${baseline}${delta}, at ${ratio(c.costRatio)}.`;
    case 'worse':
      return `${c.name} is worse than ${baseline}${delta}: rejected.`;
    case 'inconclusive': {
      if (c.pairedTasks === 0) return `${c.name}: no tasks scored for both it and ${baseline}, so they cannot be compared.`;
      const more =
        c.tasksNeeded === undefined
          ? 'the data cannot tell, and no number of tasks is likely to settle it at this difference'
          : `the data cannot tell yet: about ${c.tasksNeeded} paired tasks (${Math.max(0, c.tasksNeeded - c.pairedTasks)} more than the ${c.pairedTasks} now) would likely settle it at 80% power`;
      return `${c.name} vs ${baseline} is inconclusive${delta}: ${more}.`;
    }
  }
}

/** `p = 0.0312`, or `p < 0.0001` below what four places show. */
export function formatP(p: number): string {
  return p < 0.0001 ? 'p < 0.0001' : `p = ${p.toFixed(4)}`;
}

/**
 * The candidate that raises the pair's union pass rate most. Candidates within one task of the
 * best union are treated as equal, and the cheaper pair wins: one task is not worth a 10× bill.
 */
function bestFallback(baseline: ModelReport, candidates: readonly ModelReport[]): FallbackPair | undefined {
  const pairs = candidates.flatMap((candidate) => {
    const tasks = pairOutcomes(baseline.outcomes, candidate.outcomes);
    if (tasks.length === 0) return [];
    let union = 0;
    let alone = 0;
    let baseFails = 0;
    let candFails = 0;
    for (const [b, c] of tasks) {
      const pb = b.c / b.n;
      const pc = c.c / c.n;
      union += 1 - (1 - pb) * (1 - pc);
      alone += pb;
      baseFails += 1 - pb;
      candFails += 1 - pc;
    }
    const n = tasks.length;
    const baseCost = baseline.cost.perTaskUsd;
    const candCost = candidate.cost.perTaskUsd;
    const candidateFirst = baseCost !== undefined && candCost !== undefined && candCost < baseCost;
    const [primary, fallback] = candidateFirst ? [candidate, baseline] : [baseline, candidate];
    const pair: FallbackPair = { primary: primary.name, fallback: fallback.name, candidate: candidate.name, unionPassRate: union / n, gain: (union - alone) / n };
    if (baseCost !== undefined && candCost !== undefined) {
      pair.expectedCostPerTaskUsd = candidateFirst ? candCost + (candFails / n) * baseCost : baseCost + (baseFails / n) * candCost;
    }
    return [{ pair, tolerance: 1 / n }];
  });
  const useful = pairs.filter((p) => p.pair.gain > 1e-12);
  if (useful.length === 0) return undefined;
  const best = Math.max(...useful.map((p) => p.pair.unionPassRate));
  const near = useful.filter((p) => p.pair.unionPassRate >= best - p.tolerance - 1e-12);
  near.sort(
    (a, b) =>
      (a.pair.expectedCostPerTaskUsd ?? Number.POSITIVE_INFINITY) - (b.pair.expectedCostPerTaskUsd ?? Number.POSITIVE_INFINITY) ||
      b.pair.unionPassRate - a.pair.unionPassRate ||
      (a.pair.candidate < b.pair.candidate ? -1 : 1),
  );
  return near[0]!.pair;
}
