import type { Usage } from '../core/generate.ts';
import type { SampleRecord } from '../core/run-spec.ts';
import type { CostFigures, TokenTotals } from './model-summary.ts';

const TOKEN_KINDS = [
  ['input', 'inputTokens'],
  ['cacheRead', 'cacheReadTokens'],
  ['cacheWrite', 'cacheWriteTokens'],
  ['output', 'outputTokens'],
  ['reasoning', 'reasoningTokens'],
] as const satisfies readonly (readonly [keyof TokenTotals, keyof Usage])[];

/** Sums every kind of token over first answers and repair answers; a kind never reported stays unknown. */
export function tokenTotals(records: readonly SampleRecord[]): TokenTotals {
  const totals: TokenTotals = {};
  const add = (usage: Usage) => {
    for (const [kind, field] of TOKEN_KINDS) {
      const value = usage[field];
      if (value !== undefined) totals[kind] = (totals[kind] ?? 0) + value;
    }
  };
  for (const r of records) {
    add(r.usage);
    if (r.repair) add(r.repair.usage);
  }
  return totals;
}

/**
 * An answer "was answered" when the model produced something we could have been billed for. A
 * generation that failed outright (unscored, empty, no usage) is not, so it cannot make the cost
 * unknown; an answer with tokens and no price does.
 */
function answered(text: string, usage: Usage): boolean {
  return text !== '' || Object.values(usage).some((v) => v !== undefined);
}

export function costFigures(records: readonly SampleRecord[], tasksAttempted: number, solved: number): CostFigures {
  let total = 0;
  let unpriced = 0;
  let provider = 0;
  let providerSeen = false;
  for (const r of records) {
    if (r.costUsd !== undefined) total += r.costUsd;
    else if (answered(r.rawCompletion, r.usage)) unpriced++;
    if (r.providerCostUsd !== undefined) {
      provider += r.providerCostUsd;
      providerSeen = true;
    }
    if (r.repair) {
      if (r.repair.costUsd !== undefined) total += r.repair.costUsd;
      else if (answered(r.repair.rawCompletion, r.repair.usage)) unpriced++;
    }
  }
  const figures: CostFigures = { unpricedSamples: unpriced };
  if (providerSeen) figures.providerTotalUsd = provider;
  if (unpriced > 0 || records.length === 0) return figures;
  figures.totalUsd = total;
  if (tasksAttempted > 0) figures.perTaskUsd = total / tasksAttempted;
  if (solved > 0) figures.perSolvedTaskUsd = total / solved;
  return figures;
}
