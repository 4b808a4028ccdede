import type { Usage } from '../core/generate.ts';

/**
 * Anthropic usage → our `Usage`. Anthropic's `input_tokens` already excludes cache reads and
 * writes (the opposite of OpenAI). Writes are the 5-minute and 1-hour counts together; we never
 * ask for the 1-hour cache, so the price book charges them at the 5-minute rate.
 */
export function mapAnthropicUsage(raw: unknown): Usage {
  const u = record(raw);
  const creation = record(u.cache_creation);
  const split = sum(count(creation.ephemeral_5m_input_tokens), count(creation.ephemeral_1h_input_tokens));
  return {
    inputTokens: count(u.input_tokens),
    cacheReadTokens: count(u.cache_read_input_tokens),
    cacheWriteTokens: count(u.cache_creation_input_tokens) ?? split,
    outputTokens: count(u.output_tokens),
    reasoningTokens: count(record(u.output_tokens_details).thinking_tokens),
  };
}

/**
 * `message_delta` usage is cumulative: each non-null field replaces the earlier value, never adds
 * (the SDK's own MessageStream does the same).
 */
export function mergeAnthropicUsage(earlier: Record<string, unknown>, later: unknown): Record<string, unknown> {
  const merged = { ...earlier };
  for (const [key, value] of Object.entries(record(later))) if (value !== null && value !== undefined) merged[key] = value;
  return merged;
}

function sum(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
