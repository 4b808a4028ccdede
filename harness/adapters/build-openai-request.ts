import { InputError } from '../core/errors.ts';
import type { GenerateRequest } from '../core/generate.ts';
import type { ModelParams } from './model-params.ts';
import type { OpenAiQuirks } from './provider-presets.ts';

/** The Chat Completions body for one request, shaped by the provider's quirks. */
export function buildOpenAiRequest(request: GenerateRequest, model: string, params: ModelParams, quirks: OpenAiQuirks): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
  };
  const maxTokens = request.maxTokens ?? params.maxTokens;
  if (maxTokens !== undefined) body[quirks.maxTokensField] = maxTokens;
  const temperature = request.temperature ?? params.temperature;
  if (temperature !== undefined) body.temperature = temperature;
  if (params.topP !== undefined) body.top_p = params.topP;
  const seed = request.seed ?? params.seed;
  if (seed !== undefined) body.seed = seed;
  if (params.stream !== false) {
    body.stream = true;
    if (quirks.includeUsage) body.stream_options = { include_usage: true };
  }
  Object.assign(body, openAiReasoningFields(params, quirks));
  return { ...body, ...(params.extraBody ?? {}) };
}

/** The reasoning switches, per provider style (providers.md §2.2, §3.1-3.6). */
export function openAiReasoningFields(params: ModelParams, quirks: OpenAiQuirks): Record<string, unknown> {
  const { reasoningEffort: effort, thinkingBudget: budget, thinking } = params;
  const refuse = (param: string, hint: string) => {
    throw new InputError(`${param}: not supported by this provider's API (${hint})`);
  };
  switch (quirks.reasoning) {
    case 'reasoning-effort':
      if (budget !== undefined) refuse('thinking_budget', 'it takes reasoning_effort');
      if (thinking !== undefined) refuse('thinking', 'it takes reasoning_effort');
      return effort === undefined ? {} : { reasoning_effort: effort };
    case 'thinking-object': {
      const out: Record<string, unknown> = {};
      if (budget !== undefined) out.thinking = { type: 'enabled', budget_tokens: budget };
      else if (thinking !== undefined) out.thinking = { type: thinking ? 'enabled' : 'disabled' };
      if (effort !== undefined) out.reasoning_effort = effort;
      return out;
    }
    case 'enable-thinking':
      if (effort !== undefined) refuse('reasoning_effort', 'it takes thinking and thinking_budget');
      if (budget !== undefined) return { enable_thinking: true, thinking_budget: budget };
      return thinking === undefined ? {} : { enable_thinking: thinking };
    case 'openrouter': {
      const reasoning: Record<string, unknown> = {};
      if (effort !== undefined) reasoning.effort = effort;
      if (budget !== undefined) reasoning.max_tokens = budget;
      if (thinking !== undefined) reasoning.enabled = thinking;
      return Object.keys(reasoning).length === 0 ? {} : { reasoning };
    }
    case 'chat-template':
      if (budget !== undefined) refuse('thinking_budget', 'it takes thinking or reasoning_effort');
      return {
        ...(thinking === undefined ? {} : { chat_template_kwargs: { enable_thinking: thinking } }),
        ...(effort === undefined ? {} : { reasoning_effort: effort }),
      };
  }
}
