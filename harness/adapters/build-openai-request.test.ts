import { describe, expect, it } from 'vitest';
import { buildAnthropicRequest } from './build-anthropic-request.ts';
import { buildOpenAiRequest, openAiReasoningFields } from './build-openai-request.ts';
import { DEFAULT_OPENAI_QUIRKS, type OpenAiQuirks } from './provider-presets.ts';

const request = { taskId: 't', sampleIndex: 0, messages: [{ role: 'system' as const, content: 's' }, { role: 'user' as const, content: 'u' }], maxTokens: 100, temperature: 0 };
const quirks = (q: Partial<OpenAiQuirks>): OpenAiQuirks => ({ ...DEFAULT_OPENAI_QUIRKS, ...q });

describe('buildOpenAiRequest', () => {
  it('names the token limit the way the provider wants, and the request wins over the config', () => {
    expect(buildOpenAiRequest(request, 'm', { maxTokens: 5 }, quirks({ maxTokensField: 'max_completion_tokens' }))).toMatchObject({ max_completion_tokens: 100, temperature: 0 });
    expect(buildOpenAiRequest({ ...request, maxTokens: undefined }, 'm', { maxTokens: 5 }, quirks({}))).toMatchObject({ max_tokens: 5 });
  });

  it('leaves stream_options out when the provider needs none, and everything stream-related out without streaming', () => {
    expect(buildOpenAiRequest(request, 'm', {}, quirks({ includeUsage: false }))).not.toHaveProperty('stream_options');
    const body = buildOpenAiRequest(request, 'm', { stream: false }, quirks({}));
    expect(body).not.toHaveProperty('stream');
    expect(body).not.toHaveProperty('stream_options');
  });

  it.each([
    ['thinking-object', { thinkingBudget: 2000, reasoningEffort: 'high' }, { thinking: { type: 'enabled', budget_tokens: 2000 }, reasoning_effort: 'high' }],
    ['enable-thinking', { thinkingBudget: 2000 }, { enable_thinking: true, thinking_budget: 2000 }],
    ['openrouter', { thinking: false }, { reasoning: { enabled: false } }],
    ['chat-template', { thinking: false, reasoningEffort: 'low' }, { chat_template_kwargs: { enable_thinking: false }, reasoning_effort: 'low' }],
    ['reasoning-effort', { reasoningEffort: 'minimal' }, { reasoning_effort: 'minimal' }],
  ] as const)('%s: %j', (style, params, fields) => {
    expect(openAiReasoningFields(params, quirks({ reasoning: style }))).toEqual(fields);
  });
});

describe('buildAnthropicRequest', () => {
  it('moves system turns to `system` and leaves room above the thinking budget', () => {
    expect(buildAnthropicRequest({ ...request, maxTokens: undefined, temperature: undefined }, 'c', { thinkingBudget: 1024 })).toEqual({
      model: 'c',
      max_tokens: 1024 + 8192,
      system: 's',
      messages: [{ role: 'user', content: 'u' }],
      stream: true,
      thinking: { type: 'enabled', budget_tokens: 1024 },
    });
  });

  it('refuses contradictory thinking settings', () => {
    expect(() => buildAnthropicRequest(request, 'c', { thinking: false, thinkingBudget: 2000 })).toThrow(/contradicts/);
  });
});
