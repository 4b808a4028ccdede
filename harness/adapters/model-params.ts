/** Reasoning effort levels across providers (OpenAI's `reasoning_effort`, Anthropic's `output_config.effort`, OpenRouter's `reasoning.effort`). */
export const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

/**
 * Everything a model config may set that decides its answers. All of it goes into the config id,
 * so the same model at two reasoning settings is two configs.
 */
export interface ModelParams {
  temperature?: number;
  maxTokens?: number;
  seed?: number;
  topP?: number;
  reasoningEffort?: ReasoningEffort;
  /** Anthropic `thinking.budget_tokens`, OpenRouter `reasoning.max_tokens`, DashScope `thinking_budget`. */
  thinkingBudget?: number;
  /** Turn a hybrid model's thinking on or off (GLM, DeepSeek V4, Qwen, Kimi, Claude). */
  thinking?: boolean;
  /** Streaming is the default, since time to first token is only measurable on a stream. */
  stream?: boolean;
  /** Extra request-body fields sent as they are (provider routing, vendor switches). */
  extraBody?: Record<string, unknown>;
  /** Set only when it differs from the preset's, so a preset URL change does not change config ids. */
  baseUrl?: string;
}
