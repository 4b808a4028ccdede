/** USD per million tokens. A rate that is absent is unknown, never free. */
export interface TokenRates {
  input: number;
  output: number;
  cacheRead?: number;
  /** 5-minute cache write (Anthropic, MiniMax, OpenRouter); OpenAI-style automatic caching has none. */
  cacheWrite?: number;
  /** 1-hour cache write; kept from litellm for reference (we never request the 1-hour cache). */
  cacheWrite1h?: number;
  /** Only where reasoning is billed apart from output; otherwise reasoning is part of output. */
  reasoning?: number;
}

/** Rates that replace the base ones once a request's prompt exceeds `aboveTokens` (litellm `_above_200k_tokens`). */
export type ThresholdRates = { aboveTokens: number } & Partial<TokenRates>;

/** litellm `tiered_pricing`: one tier is picked by prompt size and every token is billed at it. */
export type TierRates = { fromTokens: number; toTokens: number } & TokenRates;

export interface ModelPrice extends TokenRates {
  thresholds?: ThresholdRates[];
  tiers?: TierRates[];
  /** Where the figure came from (URL or file) and the date it was read. */
  source?: string;
  asOf?: string;
}

/** Prices keyed `<namespace>/<model>`, e.g. `anthropic/claude-sonnet-4-5`, `openrouter/qwen/qwen3-coder`. */
export type PriceBook = Record<string, ModelPrice>;
