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

// Usage and cost for recorded Messages API payloads, through the real `@anthropic-ai/sdk`.

const messages: ChatMessage[] = [
  { role: 'system', content: 'You are a helpful assistant' },
  { role: 'user', content: "What's the weather in Florence, Italy?" },
];
let fake: FakeProvider;

beforeAll(async () => {
  fake = await FakeProvider.start({ answer: () => ({ text: 'def f():\n    return 1', reasoning: 'Return one.' }) });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

async function generate(provider: string, model: string, params: ModelParams = {}) {
  const adapter = await createAdapter({ provider, model }, { tasks: [], baseUrl: fake.url, apiKey: 'sk-ant-test', params });
  return adapter.generate({ taskId: 't', sampleIndex: 0, messages });
}

function priced(provider: string, model: string, usage: Usage): number | undefined {
  return cost(usage, lookupPrice(PRICE_BOOK, modelTarget(provider)!.priceNamespace, model));
}

function last() {
  return fake.requests.at(-1)!;
}

describe('anthropic preset', () => {
  it('sends the documented request and reads the SDK fixture stream (Fixture A)', async () => {
    fake.enqueue(sseReply(readFixture('anthropic-basic.sse')));
    const r = await generate('anthropic', 'claude-opus-4-8');
    expect(last().path).toBe('/v1/messages');
    expect(last().headers).toMatchObject({ 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01' });
    expect(last().headers.authorization).toBeUndefined();
    expect(last().body).toEqual({
      model: 'claude-opus-4-8',
      max_tokens: 8192,
      system: 'You are a helpful assistant',
      messages: [{ role: 'user', content: "What's the weather in Florence, Italy?" }],
      stream: true,
    });
    expect(r).toMatchObject({ text: 'Hello there!', finishReason: { unified: 'stop', raw: 'end_turn' }, requestId: 'req_fake_1' });
    // Old wire shape: message_delta carries only output_tokens; the cache counts were never sent.
    expect(r.usage).toEqual({ inputTokens: 11, cacheReadTokens: undefined, cacheWriteTokens: undefined, outputTokens: 6, reasoningTokens: undefined });
    // 11 × $5 + 6 × $25 = $205 per million.
    expect(priced('anthropic', 'claude-opus-4-8', r.usage)).toBeCloseTo(0.000205, 12);
  });

  it('keeps thinking apart from the answer in the real extended-thinking recording (Fixture C)', async () => {
    fake.enqueue(sseReply(readFixture('anthropic-thinking-tool.sse')));
    const r = await generate('anthropic', 'claude-sonnet-4-20250514', { thinkingBudget: 4000 });
    expect(last().body).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 4000 }, max_tokens: 12192 });
    expect(r.reasoning).toBe('The user is asking for weather information for Florence, Italy. I function call.');
    expect(r.text).toBe('');
    expect(r.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_use' });
    expect(r.usage).toEqual({ inputTokens: 424, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 119, reasoningTokens: undefined });
    // 424 × $3 + 119 × $15 = 1272 + 1785 = $3057 per million.
    expect(priced('anthropic', 'claude-sonnet-4-20250514', r.usage)).toBeCloseTo(0.003057, 12);
  });

  it('prices cache reads and writes, with input_tokens already excluding both', async () => {
    // The usage block quoted in providers.md §1.4: input 1, cache write 287, cache read 30433; output 100.
    const usage = { input_tokens: 1, cache_creation_input_tokens: 287, cache_read_input_tokens: 30433, cache_creation: { ephemeral_5m_input_tokens: 287, ephemeral_1h_input_tokens: 0 } };
    const stream = [
      `event: message_start\ndata: ${JSON.stringify({ type: 'message_start', message: { model: 'claude-sonnet-4-5', id: 'msg_cache', type: 'message', role: 'assistant', content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } })}`,
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"cached"}}',
      'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}',
      `event: message_delta\ndata: ${JSON.stringify({ type: 'message_delta', delta: { stop_reason: 'max_tokens', stop_sequence: null }, usage: { input_tokens: 1, cache_creation_input_tokens: 287, cache_read_input_tokens: 30433, output_tokens: 100 } })}`,
      'event: message_stop\ndata: {"type":"message_stop"}',
    ].join('\n\n');
    fake.enqueue(sseReply(stream));
    const r = await generate('anthropic', 'claude-sonnet-4-5-20250929');
    expect(r.finishReason).toEqual({ unified: 'length', raw: 'max_tokens' });
    expect(r.usage).toEqual({ inputTokens: 1, cacheReadTokens: 30433, cacheWriteTokens: 287, outputTokens: 100, reasoningTokens: undefined });
    // 1 × $3 + 287 × $3.75 + 30433 × $0.30 + 100 × $15 = 3 + 1076.25 + 9129.9 + 1500 = $11709.15 per million.
    expect(priced('anthropic', 'claude-sonnet-4-5-20250929', r.usage)).toBeCloseTo(0.01170915, 12);
  });

  it('maps reasoning effort to adaptive thinking, and reads a non-streaming Message', async () => {
    const r = await generate('anthropic', 'claude-opus-4-8', { reasoningEffort: 'high', stream: false });
    expect(last().body).toMatchObject({ thinking: { type: 'adaptive' }, output_config: { effort: 'high' } });
    expect(last().body).not.toHaveProperty('stream');
    expect(r).toMatchObject({ text: 'def f():\n    return 1', reasoning: 'Return one.', finishReason: { unified: 'stop' } });
  });

  it('refuses an effort Anthropic does not have', async () => {
    await expect(generate('anthropic', 'claude-opus-4-8', { reasoningEffort: 'minimal' })).rejects.toThrow(/reasoning_effort: minimal is not an Anthropic effort/);
  });
});

describe('Anthropic-compatible presets', () => {
  it('minimax (Anthropic by default) returns thinking blocks as reasoning', async () => {
    const r = await generate('minimax', 'MiniMax-M2');
    expect(r).toMatchObject({ text: 'def f():\n    return 1', reasoning: 'Return one.' });
    expect(r.timing.ttftMs).toBeGreaterThanOrEqual(0);
  });

  it.each(['deepseek-anthropic', 'zai-anthropic', 'moonshot-anthropic', 'dashscope-anthropic', 'anthropic-compatible'])('%s speaks the Messages API with x-api-key', async (provider) => {
    const r = await generate(provider, 'glm-4.6', { thinking: false });
    expect(last().path).toBe('/v1/messages');
    expect(last().headers['x-api-key']).toBe('sk-ant-test');
    expect(last().body).toMatchObject({ thinking: { type: 'disabled' } });
    expect(r.text).toBe('def f():\n    return 1');
  });

  it('openrouter-anthropic sends a Bearer token and survives the trailing `event: data` / [DONE]', async () => {
    fake.enqueue(sseReply(`${readFixture('anthropic-basic.sse')}event: data\ndata: [DONE]\n\n`));
    const r = await generate('openrouter-anthropic', 'anthropic/claude-haiku-4.5');
    expect(last().headers.authorization).toBe('Bearer sk-ant-test');
    expect(last().headers['x-api-key']).toBeUndefined();
    expect(r.text).toBe('Hello there!');
  });

  it('ollama-anthropic sends a placeholder key when none is configured', async () => {
    const adapter = await createAdapter({ provider: 'ollama-anthropic', model: 'qwen3' }, { tasks: [], baseUrl: fake.url });
    await adapter.generate({ taskId: 't', sampleIndex: 0, messages });
    expect(last().headers['x-api-key']).toBe('codebench-no-key');
  });

  it('prices a model with no price book entry as unknown, never $0', async () => {
    const r = await generate('anthropic-compatible', 'mystery-model');
    expect(r.usage.inputTokens).toBeGreaterThan(0);
    expect(priced('anthropic-compatible', 'mystery-model', r.usage)).toBeUndefined();
  });

  it('accepts a JSON body for a non-streaming request with leading blank lines', async () => {
    fake.enqueue(jsonReply({ id: 'msg_1', type: 'message', role: 'assistant', model: 'x', content: [{ type: 'text', text: 'ok' }], stop_reason: 'end_turn', usage: { input_tokens: 5, output_tokens: 2 } }, { padding: '\n\n  ' }));
    const r = await generate('deepseek-anthropic', 'deepseek-chat', { stream: false });
    expect(r).toMatchObject({ text: 'ok', usage: { inputTokens: 5, outputTokens: 2 }, requestId: 'req_fake_1' });
  });
});
