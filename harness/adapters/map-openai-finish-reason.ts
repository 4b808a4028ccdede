import type { FinishReason, UnifiedFinishReason } from '../core/generate.ts';

const MAP: Record<string, UnifiedFinishReason> = {
  stop: 'stop',
  length: 'length',
  content_filter: 'content-filter',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  // DeepSeek ends a request it could not finish for lack of capacity this way.
  insufficient_system_resource: 'error',
  error: 'error',
};

/** OpenAI-style `finish_reason` (OpenAI, DeepSeek, GLM, Qwen, Kimi, OpenRouter, local servers). */
export function mapOpenAiFinishReason(raw: string | null | undefined): FinishReason {
  if (raw === null || raw === undefined) return { unified: 'other', raw: undefined };
  return { unified: MAP[raw] ?? 'other', raw };
}
