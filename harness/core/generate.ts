/** One conversation turn sent to a model. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface GenerateRequest {
  /** The task this request answers; adapters that answer from the corpus read it. */
  taskId: string;
  messages: ChatMessage[];
  /** Which of the N samples this is; part of the cache key. */
  sampleIndex: number;
  temperature?: number;
  maxTokens?: number;
  seed?: number;
}

/**
 * Token counts normalised across providers. `inputTokens` excludes cached tokens (OpenAI counts
 * them inside `prompt_tokens`, Anthropic does not). A count the provider did not report is
 * `undefined`, never 0, so that a missing figure is not mistaken for a free one.
 */
export interface Usage {
  inputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  outputTokens?: number;
  reasoningTokens?: number;
}

export type UnifiedFinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other';

export interface FinishReason {
  unified: UnifiedFinishReason;
  raw: string | undefined;
}

export interface GenerateResult {
  text: string;
  reasoning?: string;
  finishReason: FinishReason;
  usage: Usage;
  timing: { ttftMs?: number; totalMs: number };
  requestId?: string;
  /** What the provider itself says the call cost, in USD, where it reports one (OpenRouter's `usage.cost`). */
  providerCostUsd?: number;
}

/** A model answer in the generation cache, under its cache key (see the runner's `cacheKey`). */
export interface CompletionEntry {
  cacheKey: string;
  configId: string;
  result: GenerateResult;
}
