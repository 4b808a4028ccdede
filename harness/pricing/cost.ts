import type { Usage } from '../core/generate.ts';
import type { ModelPrice, TokenRates } from './model-price.ts';

/**
 * The USD cost of one call. `usage` follows our convention (inputTokens excludes cache reads and
 * writes; reasoning is inside output), so one formula serves every provider (providers.md §6.1).
 * Returns `undefined` when a count or a rate that matters is unknown: an unknown cost is shown as
 * unknown, never as $0.
 */
export function cost(usage: Usage, price: ModelPrice | undefined): number | undefined {
  if (price === undefined || usage.inputTokens === undefined || usage.outputTokens === undefined) return undefined;
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  const rates = ratesFor(price, usage.inputTokens + cacheRead + cacheWrite);
  const reasoning = rates.reasoning === undefined ? 0 : Math.min(usage.reasoningTokens ?? 0, usage.outputTokens);
  const parts: [number, number | undefined][] = [
    [usage.inputTokens, rates.input],
    [cacheRead, rates.cacheRead],
    [cacheWrite, rates.cacheWrite],
    [usage.outputTokens - reasoning, rates.output],
    [reasoning, rates.reasoning],
  ];
  let total = 0;
  for (const [tokens, rate] of parts) {
    if (tokens === 0) continue;
    if (rate === undefined) return undefined;
    total += tokens * rate;
  }
  return total / 1_000_000;
}

/** Tiers and thresholds are chosen by the whole prompt: uncached input plus cache reads and writes. */
export function ratesFor(price: ModelPrice, promptTokens: number): TokenRates {
  if (price.tiers && price.tiers.length > 0) {
    const tier = price.tiers.find((t) => promptTokens >= t.fromTokens && promptTokens < t.toTokens) ?? price.tiers.at(-1)!;
    return tier;
  }
  let rates: TokenRates = price;
  for (const t of [...(price.thresholds ?? [])].sort((a, b) => a.aboveTokens - b.aboveTokens)) {
    if (promptTokens > t.aboveTokens) rates = { ...rates, ...definedOnly(t) };
  }
  return rates;
}

function definedOnly(t: Partial<TokenRates>): Partial<TokenRates> {
  return Object.fromEntries(Object.entries(t).filter(([k, v]) => v !== undefined && k !== 'aboveTokens'));
}
