import type { Usage } from '../core/generate.ts';

/**
 * OpenAI-style usage → our `Usage` (providers.md §6.1). `prompt_tokens` includes cached tokens
 * (and OpenRouter's cache writes), so they are taken out of `inputTokens`. Where the cached count
 * comes from depends on the provider: DeepSeek's `prompt_cache_hit_tokens`/`_miss_tokens`,
 * Moonshot's top-level `cached_tokens`, everyone else's `prompt_tokens_details.cached_tokens`,
 * llama.cpp's `timings.cache_n`. A count the provider did not send stays `undefined`.
 */
export function mapOpenAiUsage(raw: unknown, timings?: unknown): { usage: Usage; providerCostUsd?: number } {
  const u = record(raw);
  const t = record(timings);
  const promptDetails = record(u.prompt_tokens_details);
  const completionDetails = record(u.completion_tokens_details);
  const prompt = count(u.prompt_tokens);
  const miss = count(u.prompt_cache_miss_tokens);
  const cacheRead = count(u.prompt_cache_hit_tokens) ?? count(u.cached_tokens) ?? count(promptDetails.cached_tokens) ?? count(t.cache_n);
  const cacheWrite = count(promptDetails.cache_write_tokens);
  const input = miss ?? (prompt === undefined ? undefined : Math.max(0, prompt - (cacheRead ?? 0) - (cacheWrite ?? 0)));
  const usage: Usage = {
    inputTokens: input,
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    outputTokens: count(u.completion_tokens),
    reasoningTokens: count(completionDetails.reasoning_tokens),
  };
  const cost = u.cost;
  return typeof cost === 'number' && Number.isFinite(cost) && cost >= 0 ? { usage, providerCostUsd: cost } : { usage };
}

/** True when a chunk's `usage` is a real usage object rather than the `null` most chunks carry. */
export function hasUsage(raw: unknown): boolean {
  return raw !== null && typeof raw === 'object' && Object.keys(raw).length > 0;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
