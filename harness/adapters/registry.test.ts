import { describe, expect, it } from 'vitest';
import { createAdapter, modelTarget, modelTargets, parseModelSpec, providerNames } from './registry.ts';

describe('registry', () => {
  it('offers every preset, and <name>-openai / <name>-anthropic for those with both protocols', () => {
    const names = providerNames();
    for (const preset of ['anthropic', 'openai', 'deepseek', 'zai', 'bigmodel', 'dashscope', 'dashscope-cn', 'moonshot', 'minimax', 'openrouter', 'ollama', 'vllm', 'llamacpp', 'openai-compatible', 'anthropic-compatible', 'reference']) {
      expect(names).toContain(preset);
    }
    expect(names).toEqual(expect.arrayContaining(['zai-anthropic', 'zai-openai', 'deepseek-anthropic', 'minimax-openai', 'openrouter-anthropic', 'ollama-anthropic']));
    expect(names).not.toContain('anthropic-openai');
    expect(names).not.toContain('vllm-anthropic');
  });

  it('resolves a default protocol and its variants from the preset data', () => {
    expect(modelTarget('zai')).toMatchObject({ protocol: 'openai-chat', baseUrl: 'https://api.z.ai/api/paas/v4', keyVar: 'ZAI_API_KEY', keyRequired: true });
    expect(modelTarget('zai-anthropic')).toMatchObject({ protocol: 'anthropic-messages', baseUrl: 'https://api.z.ai/api/anthropic', keyVar: 'ZAI_API_KEY' });
    expect(modelTarget('minimax')).toMatchObject({ protocol: 'anthropic-messages' });
    expect(modelTarget('openai')?.openaiQuirks).toEqual({ maxTokensField: 'max_completion_tokens', includeUsage: true, reasoning: 'reasoning-effort' });
    expect(modelTarget('openrouter-anthropic')?.anthropicQuirks.auth).toBe('bearer');
    expect(modelTarget('ollama')).toMatchObject({ keyRequired: false, priceNamespace: 'local' });
    expect(modelTarget('openai-compatible')?.baseUrl).toBeUndefined();
  });

  it('gives Anthropic-style URLs without /v1 (the SDK appends /v1/messages)', () => {
    for (const t of modelTargets()) if (t.protocol === 'anthropic-messages' && t.baseUrl) expect(t.baseUrl, t.name).not.toMatch(/\/v1\/?$/);
  });

  it('parses specs, keeping colons and slashes in the model name', () => {
    expect(parseModelSpec('zai-anthropic:glm-4.6')).toEqual({ provider: 'zai-anthropic', model: 'glm-4.6' });
    expect(parseModelSpec('openrouter:qwen/qwen3-coder:free')).toEqual({ provider: 'openrouter', model: 'qwen/qwen3-coder:free' });
    expect(parseModelSpec('reference')).toEqual({ provider: 'reference', model: 'reference' });
    expect(() => parseModelSpec('deepseek')).toThrow(/missing model name/);
    expect(() => parseModelSpec('nope:x')).toThrow(/unknown provider "nope"/);
  });

  it('builds adapters lazily, one protocol class each', async () => {
    const a = await createAdapter({ provider: 'deepseek', model: 'deepseek-chat' }, { tasks: [], apiKey: 'k' });
    const b = await createAdapter({ provider: 'deepseek-anthropic', model: 'deepseek-chat' }, { tasks: [], apiKey: 'k' });
    expect(a.constructor.name).toBe('OpenAiChatAdapter');
    expect(b.constructor.name).toBe('AnthropicMessagesAdapter');
    expect([a.provider, a.model]).toEqual(['deepseek', 'deepseek-chat']);
  });
});
