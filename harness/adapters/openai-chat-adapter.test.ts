import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage, Usage } from '../core/generate.ts';
import { cost } from '../pricing/cost.ts';
import { lookupPrice } from '../pricing/lookup-price.ts';
import { PRICE_BOOK } from '../pricing/price-book.ts';
import { FakeProvider } from './fake-provider/fake-provider-server.ts';
import { jsonReply, sseReply } from './fake-provider/fake-reply.ts';
import { readFixture } from './fake-provider/read-fixture.ts';
import type { ModelParams } from './model-params.ts';
import { createAdapter, modelTarget } from './registry.ts';

// Usage and cost for the recorded payloads of ../shared/docs/providers.md, through the real
// `openai` SDK against a local server. Each expected cost is worked by hand in the comment above it.

const messages: ChatMessage[] = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'Say hi in Portuguese.' },
];
let fake: FakeProvider;

beforeAll(async () => {
  fake = await FakeProvider.start({ answer: () => 'Olá!' });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

async function generate(provider: string, model: string, params: ModelParams = {}) {
  const adapter = await createAdapter({ provider, model }, { tasks: [], baseUrl: `${fake.url}/v1`, apiKey: 'sk-test', params });
  return adapter.generate({ taskId: 't', sampleIndex: 0, messages });
}

function priced(provider: string, model: string, usage: Usage): number | undefined {
  return cost(usage, lookupPrice(PRICE_BOOK, modelTarget(provider)!.priceNamespace, model));
}

function lastBody(): Record<string, any> {
  return fake.requests.at(-1)!.body;
}

describe('openai preset (gpt-5 recording, Fixture D)', () => {
  it('streams, asks for usage, uses max_completion_tokens and reasoning_effort, and prices cached + reasoning tokens', async () => {
    fake.enqueue(sseReply(readFixture('openai-gpt5.sse')));
    const r = await generate('openai', 'gpt-5', { maxTokens: 4000, reasoningEffort: 'high' });
    expect(lastBody()).toMatchObject({ model: 'gpt-5', stream: true, stream_options: { include_usage: true }, max_completion_tokens: 4000, reasoning_effort: 'high' });
    expect(lastBody()).not.toHaveProperty('max_tokens');
    expect(fake.requests.at(-1)!.headers.authorization).toBe('Bearer sk-test');
    expect(r.text).toBe('Olá!');
    expect(r.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    // prompt 19 of which cached 0; completion 75 of which reasoning 64.
    expect(r.usage).toEqual({ inputTokens: 19, cacheReadTokens: 0, cacheWriteTokens: undefined, outputTokens: 75, reasoningTokens: 64 });
    expect(r.requestId).toBe('req_fake_1');
    expect(r.timing.ttftMs).toBeGreaterThanOrEqual(0);
    // 19 × $1.25 + 75 × $10 = $773.75 per million → $0.00077375.
    expect(priced('openai', 'gpt-5', r.usage)).toBeCloseTo(0.00077375, 12);
  });
  it('takes cached tokens out of prompt_tokens (OpenAI counts them inside it)', async () => {
    // Fixture D with a warm prompt cache: prompt 1200 of which cached 1024.
    const warm = readFixture('openai-gpt5.sse').replace('"prompt_tokens":19,"completion_tokens":75,"total_tokens":94,"prompt_tokens_details":{"cached_tokens":0', '"prompt_tokens":1200,"completion_tokens":75,"total_tokens":1275,"prompt_tokens_details":{"cached_tokens":1024');
    fake.enqueue(sseReply(warm));
    const r = await generate('openai', 'gpt-5');
    expect(r.usage).toEqual({ inputTokens: 176, cacheReadTokens: 1024, cacheWriteTokens: undefined, outputTokens: 75, reasoningTokens: 64 });
    // 176 × $1.25 + 1024 × $0.125 + 75 × $10 = 220 + 128 + 750 = $1098 per million.
    expect(priced('openai', 'gpt-5', r.usage)).toBeCloseTo(0.001098, 12);
  });
});

describe('deepseek preset', () => {
  it('reads reasoning_content apart from the answer past a keep-alive comment (Fixture G) and prices the miss/hit split', async () => {
    fake.enqueue(sseReply(`: keep-alive\n\n${readFixture('deepseek-reasoning.sse')}`));
    const r = await generate('deepseek', 'deepseek-v4-flash', { maxTokens: 2000, thinking: true });
    expect(lastBody()).toMatchObject({ max_tokens: 2000, thinking: { type: 'enabled' }, stream_options: { include_usage: true } });
    expect(r.reasoning).toBe('We.');
    expect(r.text).toBe('There');
    // Usage rides on the finish chunk: miss 97, hit 0, completion 106 (reasoning 88).
    expect(r.usage).toEqual({ inputTokens: 97, cacheReadTokens: 0, cacheWriteTokens: undefined, outputTokens: 106, reasoningTokens: 88 });
    // 97 × $0.14 + 106 × $0.28 = $43.26 per million.
    expect(priced('deepseek', 'deepseek-v4-flash', r.usage)).toBeCloseTo(0.00004326, 12);
  });

  it('prefers prompt_cache_hit_tokens / _miss_tokens when the cache hit', async () => {
    const hit = readFixture('deepseek-reasoning.sse').replace(
      '"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":88},"prompt_cache_hit_tokens":0,"prompt_cache_miss_tokens":97',
      '"prompt_tokens_details":{"cached_tokens":64},"completion_tokens_details":{"reasoning_tokens":88},"prompt_cache_hit_tokens":64,"prompt_cache_miss_tokens":33',
    );
    fake.enqueue(sseReply(hit));
    const r = await generate('deepseek', 'deepseek-chat');
    expect(r.usage).toMatchObject({ inputTokens: 33, cacheReadTokens: 64, outputTokens: 106 });
    // 33 × $0.28 + 64 × $0.028 + 106 × $0.42 = 9.24 + 1.792 + 44.52 = $55.552 per million.
    expect(priced('deepseek', 'deepseek-chat', r.usage)).toBeCloseTo(0.000055552, 12);
  });

  it('reads a non-streaming reasoning response (Fixture F)', async () => {
    fake.enqueue(jsonReply(JSON.parse(readFixture('deepseek-reasoning.json')), { padding: '\n\n' }));
    const r = await generate('deepseek', 'deepseek-v4-flash', { stream: false });
    expect(lastBody()).not.toHaveProperty('stream');
    expect(r.text).toBe('There are **3** “r”s in **“strawberry”**.');
    expect(r.reasoning).toMatch(/^We need answer simple/);
    expect(r.usage).toEqual({ inputTokens: 97, cacheReadTokens: 0, cacheWriteTokens: undefined, outputTokens: 131, reasoningTokens: 113 });
    // 97 × $0.14 + 131 × $0.28 = 13.58 + 36.68 = $50.26 per million.
    expect(priced('deepseek', 'deepseek-v4-flash', r.usage)).toBeCloseTo(0.00005026, 12);
  });
});

describe('zai preset (GLM recordings, Fixtures H and I)', () => {
  it('takes usage from the finish chunk of a stream whose chunks have no finish_reason key', async () => {
    fake.enqueue(sseReply(readFixture('zai-glm.sse')));
    const r = await generate('zai', 'glm-4.6', { thinking: false });
    expect(lastBody()).toMatchObject({ thinking: { type: 'disabled' } });
    expect(r.reasoning).toBe('1..');
    expect(r.text).toBe('**Ol.)');
    // prompt 15 of which cached 14 → 1 uncached; completion 734 of which reasoning 708.
    expect(r.usage).toEqual({ inputTokens: 1, cacheReadTokens: 14, cacheWriteTokens: undefined, outputTokens: 734, reasoningTokens: 708 });
    // glm-4.6: 1 × $0.60 + 14 × $0.11 + 734 × $2.20 = 0.6 + 1.54 + 1614.8 = $1616.94 per million.
    expect(priced('zai', 'glm-4.6', r.usage)).toBeCloseTo(0.00161694, 12);
    // The recording's own model is on the free tier: a known $0, not an unknown.
    expect(priced('zai', 'glm-4.7-flash', r.usage)).toBe(0);
  });

  it('reads the non-streaming body with its alphabetical keys and request_id', async () => {
    fake.enqueue(jsonReply(JSON.parse(readFixture('zai-glm.json'))));
    const r = await generate('zai', 'glm-4.7-flash', { stream: false });
    expect(r.text).toBe('Olá! (Oh-lah)');
    expect(r.reasoning).toMatch(/^1\. {2}\*\*Analyze the Request/);
    expect(r.usage).toEqual({ inputTokens: 12, cacheReadTokens: 3, cacheWriteTokens: undefined, outputTokens: 249, reasoningTokens: 239 });
  });
});

describe('moonshot preset', () => {
  it('finds usage inside choices[0] of the last chunk (vercel-ai recording)', async () => {
    fake.enqueue(sseReply(readFixture('moonshot-choice-usage.sse')));
    const r = await generate('moonshot', 'kimi-k2.5', { maxTokens: 1000 });
    expect(lastBody()).toMatchObject({ max_tokens: 1000 });
    expect(r.text).toBe('OK.');
    // No cached count was sent: unknown, not zero.
    expect(r.usage).toEqual({ inputTokens: 12, cacheReadTokens: undefined, cacheWriteTokens: undefined, outputTokens: 5, reasoningTokens: 1 });
    // 12 × $0.60 + 5 × $3.00 = 7.2 + 15 = $22.2 per million.
    expect(priced('moonshot', 'kimi-k2.5', r.usage)).toBeCloseTo(0.0000222, 12);
  });

  it('reads the top-level cached_tokens of a non-streaming answer, and leaves an unpriced model unknown', async () => {
    // The recorded kimi-k3 usage (providers.md §3.4) as older models send it: top-level cached_tokens only.
    const body = {
      id: 'chatcmpl-kimi',
      object: 'chat.completion',
      model: 'kimi-k3',
      choices: [{ index: 0, message: { role: 'assistant', content: 'OK', reasoning_content: 'short' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 90, completion_tokens: 34, total_tokens: 124, cached_tokens: 90, completion_tokens_details: { reasoning_tokens: 17 } },
    };
    fake.enqueue(jsonReply(body));
    const r = await generate('moonshot', 'kimi-k3', { stream: false });
    expect(r.usage).toEqual({ inputTokens: 0, cacheReadTokens: 90, cacheWriteTokens: undefined, outputTokens: 34, reasoningTokens: 17 });
    expect(r.reasoning).toBe('short');
    expect(priced('moonshot', 'kimi-k3', r.usage)).toBeUndefined();
    // Priced as kimi-k2.5: 90 × $0.10 + 34 × $3.00 = 9 + 102 = $111 per million.
    expect(priced('moonshot', 'kimi-k2.5', r.usage)).toBeCloseTo(0.000111, 12);
  });
});

describe('openrouter preset', () => {
  it('skips processing comments, takes usage from the repeated finish chunk, and keeps usage.cost (Fixture J)', async () => {
    fake.enqueue(sseReply(readFixture('openrouter-haiku.sse')));
    const r = await generate('openrouter', 'anthropic/claude-haiku-4.5', { reasoningEffort: 'low', thinkingBudget: 2000 });
    expect(lastBody()).toMatchObject({ reasoning: { effort: 'low', max_tokens: 2000 } });
    expect(r.text).toBe('Olá! 👋\n\nHow can I help you today?');
    expect(r.requestId).toBe('req_fake_1');
    expect(r.usage).toEqual({ inputTokens: 16, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 18, reasoningTokens: 0 });
    expect(r.providerCostUsd).toBe(0.000106);
    // 16 × $1 + 18 × $5 = $106 per million: the same as OpenRouter's own figure.
    expect(priced('openrouter', 'anthropic/claude-haiku-4.5', r.usage)).toBeCloseTo(0.000106, 12);
  });

  it('parses a padded non-streaming body, takes `reasoning` once (not again from reasoning_details), and its cost differs from ours (Fixture K)', async () => {
    fake.enqueue({ type: 'raw', contentType: 'application/json', body: readFixture('openrouter-kimi.json') });
    const r = await generate('openrouter', 'moonshotai/kimi-k2.5', { stream: false });
    expect(r.text).toMatch(/^ Oi! /);
    expect(r.reasoning).toMatch(/^ The user wants me to say "hi" in Portuguese\./);
    expect(r.reasoning!.match(/The user wants me/g)).toHaveLength(1);
    expect(r.usage).toEqual({ inputTokens: 21, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 202, reasoningTokens: 166 });
    expect(r.providerCostUsd).toBe(0.00045364);
    // Our list price: 21 × $0.60 + 202 × $3.00 = 12.6 + 606 = $618.6 per million; the upstream
    // (Inceptron) billed $453.64: the summary flags the mismatch.
    expect(priced('openrouter', 'moonshotai/kimi-k2.5', r.usage)).toBeCloseTo(0.0006186, 12);
  });
});

describe('local presets', () => {
  it('llamacpp: reads reasoning_content and timings.cache_n, and costs a known $0 (Fixture L)', async () => {
    fake.enqueue(sseReply(readFixture('llamacpp-gpt-oss.sse')));
    const r = await generate('llamacpp', 'openai/gpt-oss-20b', { thinking: true });
    expect(lastBody()).toMatchObject({ chat_template_kwargs: { enable_thinking: true } });
    expect(r.reasoning).toBe('The.');
    expect(r.text).toBe('Olá');
    expect(r.usage).toEqual({ inputTokens: 1, cacheReadTokens: 83, cacheWriteTokens: undefined, outputTokens: 57, reasoningTokens: undefined });
    expect(priced('llamacpp', 'openai/gpt-oss-20b', r.usage)).toBe(0);
  });

  it('vllm and ollama: read the newer `reasoning` delta field', async () => {
    const frames = [
      'data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","reasoning":"think"}}]}',
      'data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"done"},"finish_reason":"length"}]}',
      'data: {"id":"c","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12}}',
      'data: [DONE]',
    ].join('\n\n');
    for (const provider of ['vllm', 'ollama']) {
      fake.enqueue(sseReply(frames));
      const r = await generate(provider, 'qwen3-coder');
      expect(r).toMatchObject({ text: 'done', reasoning: 'think', finishReason: { unified: 'length', raw: 'length' } });
      expect(r.usage).toEqual({ inputTokens: 5, cacheReadTokens: undefined, cacheWriteTokens: undefined, outputTokens: 7, reasoningTokens: undefined });
    }
  });
});

describe('minimax-openai and dashscope presets', () => {
  it('minimax-openai: splits the <think> block MiniMax puts inside content', async () => {
    const mini = await FakeProvider.start({ flavour: 'minimax', answer: () => ({ text: 'def f():\n    return 1', reasoning: 'trivial' }) });
    try {
      const adapter = await createAdapter({ provider: 'minimax-openai', model: 'MiniMax-M2' }, { tasks: [], baseUrl: `${mini.url}/v1`, apiKey: 'k' });
      const r = await adapter.generate({ taskId: 't', sampleIndex: 0, messages });
      expect(r.text).toBe('def f():\n    return 1');
      expect(r.reasoning).toBe('trivial');
    } finally {
      await mini.close();
    }
  });

  it('dashscope: sends enable_thinking and prices the first tier of qwen3-coder-plus from the docs usage example', async () => {
    // docs.qwencloud.com example usage: prompt 3019 of which cached 2048, completion 104.
    fake.enqueue(
      jsonReply({
        id: 'chatcmpl-6ada9ed2-7f33-9de2-8bb0-78bd4035025a',
        object: 'chat.completion',
        model: 'qwen3-coder-plus',
        system_fingerprint: null,
        choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 3019, completion_tokens: 104, total_tokens: 3123, prompt_tokens_details: { cached_tokens: 2048 } },
      }),
    );
    const r = await generate('dashscope', 'qwen3-coder-plus', { stream: false, thinking: false });
    expect(lastBody()).toMatchObject({ enable_thinking: false });
    expect(r.usage).toMatchObject({ inputTokens: 971, cacheReadTokens: 2048, outputTokens: 104 });
    // Tier [0, 32K): 971 × $1.00 + 2048 × $0.10 + 104 × $5.00 = 971 + 204.8 + 520 = $1695.8 per million.
    expect(priced('dashscope', 'qwen3-coder-plus', r.usage)).toBeCloseTo(0.0016958, 12);
  });
});

describe('request shaping', () => {
  it('refuses a setting the provider has no field for, naming it', async () => {
    await expect(generate('openai', 'gpt-5', { thinkingBudget: 1000 })).rejects.toThrow(/thinking_budget: not supported/);
    await expect(generate('dashscope', 'qwen3-coder-plus', { reasoningEffort: 'high' })).rejects.toThrow(/reasoning_effort: not supported/);
  });

  it('passes temperature, seed and extra body fields through', async () => {
    await generate('openai-compatible', 'any', { temperature: 0.2, seed: 7, extraBody: { provider: { order: ['x'] } } });
    expect(lastBody()).toMatchObject({ temperature: 0.2, seed: 7, provider: { order: ['x'] }, stream_options: { include_usage: true } });
  });

  it('needs a base URL for openai-compatible', async () => {
    await expect(createAdapter({ provider: 'openai-compatible', model: 'm' }, { tasks: [] })).rejects.toThrow(/openai-compatible needs --base-url/);
  });

  it('measures time to first token on a slow stream', async () => {
    fake.enqueue(sseReply(readFixture('openai-gpt5.sse'), { firstDelayMs: 250 }));
    const r = await generate('openai', 'gpt-5');
    expect(r.timing.ttftMs).toBeGreaterThanOrEqual(240);
    expect(r.timing.totalMs).toBeGreaterThanOrEqual(r.timing.ttftMs!);
  });
});
