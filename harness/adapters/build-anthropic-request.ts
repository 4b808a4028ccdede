import { InputError } from '../core/errors.ts';
import type { GenerateRequest } from '../core/generate.ts';
import type { ModelParams } from './model-params.ts';

/** Anthropic requires `max_tokens`; this leaves room for a whole solution when none is configured. */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 8192;

const ANTHROPIC_EFFORTS = new Set(['low', 'medium', 'high', 'xhigh', 'max']);

/** The Messages API body for one request. System turns go to `system`; there is no seed. */
export function buildAnthropicRequest(request: GenerateRequest, model: string, params: ModelParams): Record<string, unknown> {
  const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content);
  const budget = params.thinkingBudget;
  const body: Record<string, unknown> = {
    model,
    // Thinking tokens count against max_tokens, and the budget must be below it.
    max_tokens: request.maxTokens ?? params.maxTokens ?? (budget === undefined ? DEFAULT_ANTHROPIC_MAX_TOKENS : budget + DEFAULT_ANTHROPIC_MAX_TOKENS),
    messages: request.messages.filter((m) => m.role !== 'system').map((m) => ({ role: m.role, content: m.content })),
  };
  if (system.length > 0) body.system = system.join('\n\n');
  const temperature = request.temperature ?? params.temperature;
  if (temperature !== undefined) body.temperature = temperature;
  if (params.topP !== undefined) body.top_p = params.topP;
  if (params.stream !== false) body.stream = true;
  Object.assign(body, anthropicThinkingFields(params));
  return { ...body, ...(params.extraBody ?? {}) };
}

/** `thinking` and `output_config.effort` (providers.md §1.3). */
export function anthropicThinkingFields(params: ModelParams): Record<string, unknown> {
  const { reasoningEffort: effort, thinkingBudget: budget, thinking } = params;
  if (effort !== undefined && !ANTHROPIC_EFFORTS.has(effort)) {
    throw new InputError(`reasoning_effort: ${effort} is not an Anthropic effort (low, medium, high, xhigh, max)`);
  }
  if (thinking === false) {
    if (budget !== undefined || effort !== undefined) throw new InputError('thinking: false contradicts thinking_budget / reasoning_effort');
    return { thinking: { type: 'disabled' } };
  }
  if (budget !== undefined) return { thinking: { type: 'enabled', budget_tokens: budget }, ...(effort ? { output_config: { effort } } : {}) };
  if (effort !== undefined) return { thinking: { type: 'adaptive' }, output_config: { effort } };
  return thinking === true ? { thinking: { type: 'adaptive' } } : {};
}
