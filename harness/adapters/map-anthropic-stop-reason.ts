import type { FinishReason, UnifiedFinishReason } from '../core/generate.ts';

const MAP: Record<string, UnifiedFinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool-calls',
  refusal: 'content-filter',
  pause_turn: 'other',
};

/** Anthropic `stop_reason` (SDK `StopReason`), as sent by Anthropic and every compatible endpoint. */
export function mapAnthropicStopReason(raw: string | null | undefined): FinishReason {
  if (raw === null || raw === undefined) return { unified: 'other', raw: undefined };
  return { unified: MAP[raw] ?? 'other', raw };
}
