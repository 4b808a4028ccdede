import { afterEach, describe, expect, it } from 'vitest';
import { createAdapter } from '../registry.ts';
import { OPENAI_FLAVOURS } from './build-openai-sse.ts';
import { FakeProvider } from './fake-provider-server.ts';
import { sseFrames } from './fake-reply.ts';

// The fake server's own made-up answers must read, through the real SDKs, like the provider each
// flavour imitates: same text, reasoning kept apart, usage found wherever that provider puts it.

let fake: FakeProvider | undefined;
afterEach(() => fake?.close());

const messages = [{ role: 'user' as const, content: 'Write f.' }];

describe('FakeProvider', () => {
  it.each(OPENAI_FLAVOURS)('answers in the %s flavour, streaming and not', async (flavour) => {
    fake = await FakeProvider.start({ flavour, cachedTokens: 2, answer: () => ({ text: 'def f(): pass', reasoning: 'easy' }) });
    const adapter = await createAdapter({ provider: 'openai-compatible', model: 'm' }, { tasks: [], baseUrl: `${fake.url}/v1` });
    for (const stream of [true, false]) {
      const a = stream ? adapter : await createAdapter({ provider: 'openai-compatible', model: 'm' }, { tasks: [], baseUrl: `${fake.url}/v1`, params: { stream: false } });
      const r = await a.generate({ taskId: 't', sampleIndex: 0, messages });
      expect(r.text).toBe('def f(): pass');
      expect(r.reasoning).toBe('easy');
      expect(r.finishReason.unified).toBe('stop');
      // Prompt "Write f." is 2 tokens by the fake's count, both cached; the answer 4 + reasoning 1.
      expect(r.usage).toMatchObject({ inputTokens: 0, cacheReadTokens: 2, outputTokens: 5 });
      if (flavour === 'openrouter') expect(r.providerCostUsd).toBeCloseTo((2 * 1 + 5 * 2) / 1e6, 15);
    }
    expect(fake.requestCount).toBe(2);
  });

  it('answers the Messages API with thinking blocks', async () => {
    fake = await FakeProvider.start({ answer: () => ({ text: 'ok', reasoning: 'hmm' }) });
    const adapter = await createAdapter({ provider: 'anthropic-compatible', model: 'm' }, { tasks: [], baseUrl: fake.url });
    expect(await adapter.generate({ taskId: 't', sampleIndex: 0, messages })).toMatchObject({ text: 'ok', reasoning: 'hmm', usage: { inputTokens: 2, outputTokens: 2 } });
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/v1/messages', protocol: 'anthropic-messages', body: { model: 'm', stream: true } });
  });

  it('answers unknown routes with a 404 JSON error', async () => {
    fake = await FakeProvider.start();
    const response = await fetch(`${fake.url}/v1/embeddings`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('splits recorded SSE text into frames, keeping comments and event lines', () => {
    expect(sseFrames(': keep-alive\n\nevent: ping\ndata: {}\n\n\ndata: [DONE]\n')).toEqual([': keep-alive\n\n', 'event: ping\ndata: {}\n\n', 'data: [DONE]\n\n']);
  });
});
