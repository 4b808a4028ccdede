import type { ModelPrice, PriceBook, ThresholdRates, TierRates, TokenRates } from './model-price.ts';

/** A per-token rate above this is almost surely a per-million figure entered by mistake (litellm's wandb/* rows). */
const MAX_PER_TOKEN_USD = 1e-3;

const FIELDS: Record<string, keyof TokenRates> = {
  input_cost_per_token: 'input',
  output_cost_per_token: 'output',
  cache_read_input_token_cost: 'cacheRead',
  cache_creation_input_token_cost: 'cacheWrite',
  output_cost_per_reasoning_token: 'reasoning',
};

export interface ImportedPrices {
  book: PriceBook;
  /** Entries skipped, and why; one line each. */
  warnings: string[];
}

/**
 * litellm's `model_prices_and_context_window.json` (providers.md §4.8) → a price book keyed
 * `<litellm_provider>/<model>`. Skips `sample_spec`, non-object keys (a mirror's `last_updated`),
 * entries without both token rates, and entries whose rates fail the unit sanity check. Keeps
 * `_above_Nk_tokens` thresholds, `tiered_pricing`, cache writes (5-minute and 1-hour).
 */
export function importLitellmPrices(json: unknown, source: string): ImportedPrices {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new TypeError(`Expected \`${source}\` to hold a JSON object of model entries`);
  }
  const book: PriceBook = {};
  const warnings: string[] = [];
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    if (key === 'sample_spec' || value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const entry = value as Record<string, unknown>;
    const base = rates(entry, '');
    if (base.input === undefined || base.output === undefined) continue;
    const price: ModelPrice = { ...(base as TokenRates), source: typeof entry.source === 'string' ? `${source} (${entry.source})` : source };
    const hour = perMillion(entry.cache_creation_input_token_cost_above_1hr);
    if (hour !== undefined) price.cacheWrite1h = hour;
    const thresholds = thresholdRates(entry);
    if (thresholds.length > 0) price.thresholds = thresholds;
    const tiers = tieredRates(entry.tiered_pricing);
    if (tiers.length > 0) price.tiers = tiers;
    const insane = insaneRate(entry);
    if (insane) {
      warnings.push(`${source}: skipped "${key}": ${insane} is above $${MAX_PER_TOKEN_USD} per token (per-million figure?)`);
      continue;
    }
    const provider = typeof entry.litellm_provider === 'string' ? entry.litellm_provider : undefined;
    book[provider === undefined || key.startsWith(`${provider}/`) ? key : `${provider}/${key}`] = price;
  }
  return { book, warnings };
}

function rates(entry: Record<string, unknown>, suffix: string): Partial<TokenRates> {
  const out: Partial<TokenRates> = {};
  for (const [field, name] of Object.entries(FIELDS)) {
    const value = perMillion(entry[`${field}${suffix}`]);
    if (value !== undefined) out[name] = value;
  }
  // DeepSeek entries repeat the cache-hit rate under this name.
  if (suffix === '' && out.cacheRead === undefined) {
    const hit = perMillion(entry.input_cost_per_token_cache_hit);
    if (hit !== undefined) out.cacheRead = hit;
  }
  return out;
}

function thresholdRates(entry: Record<string, unknown>): ThresholdRates[] {
  const thresholds = new Set<number>();
  for (const key of Object.keys(entry)) {
    const m = /^(?:input_cost_per_token|output_cost_per_token|cache_read_input_token_cost|cache_creation_input_token_cost|output_cost_per_reasoning_token)_above_(\d+)k_tokens$/.exec(key);
    if (m) thresholds.add(Number(m[1]) * 1000);
  }
  return [...thresholds].sort((a, b) => a - b).map((above) => ({ aboveTokens: above, ...rates(entry, `_above_${above / 1000}k_tokens`) }));
}

function tieredRates(value: unknown): TierRates[] {
  if (!Array.isArray(value)) return [];
  const tiers: TierRates[] = [];
  for (const t of value) {
    const tier = t as Record<string, unknown>;
    const range = tier.range;
    const r = rates(tier, '');
    if (!Array.isArray(range) || typeof range[0] !== 'number' || typeof range[1] !== 'number' || r.input === undefined || r.output === undefined) return [];
    tiers.push({ fromTokens: range[0], toTokens: range[1], ...(r as TokenRates) });
  }
  return tiers.sort((a, b) => a.fromTokens - b.fromTokens);
}

function insaneRate(entry: Record<string, unknown>): string | undefined {
  for (const [key, value] of Object.entries(entry)) {
    if ((key.includes('cost_per_token') || key.includes('token_cost')) && typeof value === 'number' && value > MAX_PER_TOKEN_USD) return key;
  }
  return undefined;
}

/** Per-token USD → per-million, rounded so that 3e-06 reads back as 3, not 3.0000000000000004. */
function perMillion(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Number((value * 1e6).toPrecision(12)) : undefined;
}
