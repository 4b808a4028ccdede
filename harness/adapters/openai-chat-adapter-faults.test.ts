import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AdapterError } from '../core/errors.ts';
import { FakeProvider } from './fake-provider/fake-provider-server.ts';
import { errorReply, FAULTS, jsonReply, sseReply } from './fake-provider/fake-reply.ts';
import { readFixture } from './fake-provider/read-fixture.ts';
import type { ModelParams } from './model-params.ts';
import { createAdapter } from './registry.ts';

// Hostile and failing providers, through the real `openai` SDK. Every failure must arrive as an
// AdapterError classified retryable or not, after exactly one HTTP request (maxRetries: 0).

let fake: FakeProvider;
beforeAll(async () => {
  fake = await FakeProvider.start({ answer: () => 'fine' });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

async function failure(provider = 'openai', params: ModelParams = {}): Promise<AdapterError> {
  const adapter = await createAdapter({ provider, model: 'm' }, { tasks: [], baseUrl: `${fake.url}/v1`, apiKey: 'k', params });
  const error = await adapter.generate({ taskId: 't', sampleIndex: 0, messages: [{ role: 'user', content: 'hi' }] }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AdapterError);
  expect(fake.requestCount).toBe(1);
  return error as AdapterError;
}

describe('HTTP errors', () => {
  it('429 with retry-after-ms and retry-after: retryable, waits what the server asked, keeps the request id', async () => {
    fake.enqueue(FAULTS.openAiRateLimited(46, 45190));
    const e = await failure();
    expect(e).toMatchObject({ retryable: true, status: 429, retryAfterMs: 45190, requestId: 'req_fake_429' });
    expect(e.message).toMatch(/^openai:m: 429 Rate limit reached/);
  });

  it('429 with only retry-after (seconds)', async () => {
    fake.enqueue(errorReply(429, { error: { message: 'slow down', type: 'rate_limit' } }, { 'retry-after': '2' }));
    expect(await failure()).toMatchObject({ retryable: true, retryAfterMs: 2000 });
  });

  it.each([
    ['500 server error', FAULTS.serverError(), true, 500],
    ['503 DeepSeek overloaded', errorReply(503, { error: { message: 'Server Overloaded', type: 'server_error' } }), true, 503],
    ['400 unsupported parameter', errorReply(400, { error: { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", type: 'invalid_request_error', param: 'max_tokens', code: 'unsupported_parameter' } }), false, 400],
    ['401 bad key', errorReply(401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } }), false, 401],
    ['402 DeepSeek insufficient balance', errorReply(402, { error: { message: 'Insufficient Balance', type: 'unknown_error' } }), false, 402],
    ['429 insufficient_quota', errorReply(429, { error: { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } }), false, 429],
    ['429 Z.ai code 1113 (balance, not rate)', errorReply(429, { error: { code: '1113', message: 'Insufficient balance or no resource package. Please recharge.' } }), false, 429],
    ['400 old vLLM flat body', errorReply(400, { object: 'error', message: 'bad', type: 'BadRequestError', param: null, code: 400 }), false, 400],
  ])('%s', async (_name, reply, retryable, status) => {
    fake.enqueue(reply);
    expect(await failure()).toMatchObject({ retryable, status });
  });

  it('says why a spend-limit error is not retried', async () => {
    fake.enqueue(errorReply(429, { error: { code: '1113', message: '余额不足或无可用资源包,请充值。' } }));
    expect((await failure('zai')).message).toMatch(/balance exhausted: not retried/);
  });

  it('honours OpenRouter metadata.retry_after_seconds when no header says', async () => {
    fake.enqueue(errorReply(429, { error: { message: 'Provider returned error', code: 429, metadata: { provider_name: 'Venice', retry_after_seconds: 17 } } }));
    expect(await failure('openrouter')).toMatchObject({ retryable: true, status: 429, retryAfterMs: 17000 });
  });
});

describe('hostile 200 responses', () => {
  it('malformed JSON in a stream: retryable', async () => {
    fake.enqueue(FAULTS.malformedJson());
    const e = await failure();
    expect(e.retryable).toBe(true);
    expect(e.message).toMatch(/malformed/);
  });

  it('a stream truncated before any finish reason: retryable, never a short answer', async () => {
    fake.enqueue(sseReply(readFixture('openai-gpt5.sse'), { endAfter: 3 }));
    const e = await failure();
    expect(e.retryable).toBe(true);
    expect(e.message).toMatch(/truncated/);
  });

  it('an error event after a 200 (OpenRouter): classified by its code', async () => {
    fake.enqueue(
      sseReply(
        [
          ': OPENROUTER PROCESSING',
          'data: {"id":"gen-1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"par"},"finish_reason":null}]}',
          'data: {"id":"gen-1","object":"chat.completion.chunk","error":{"code":502,"message":"Provider returned error","metadata":{"provider_name":"Venice"}},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}',
        ].join('\n\n'),
      ),
    );
    expect(await failure('openrouter')).toMatchObject({ retryable: true, status: 502 });
  });

  it('an error event after a 200 that says the credits ran out: not retryable', async () => {
    fake.enqueue(sseReply('data: {"error":{"code":402,"message":"Insufficient credits"}}\n\n'));
    expect(await failure('openrouter')).toMatchObject({ retryable: false, status: 402 });
  });

  it('wrong content type (an HTML page at the base URL): not retryable, names the type', async () => {
    fake.enqueue(FAULTS.wrongContentType());
    const e = await failure();
    expect(e.retryable).toBe(false);
    expect(e.message).toMatch(/content type "text\/html; charset=utf-8": <html><body><h1>Welcome to nginx!/);
  });

  it('wrong content type on a non-streaming request', async () => {
    fake.enqueue(FAULTS.wrongContentType());
    expect(await failure('openai', { stream: false })).toMatchObject({ retryable: false });
  });

  it('empty choices in a stream: retryable', async () => {
    fake.enqueue(sseReply('data: {"id":"c","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":0,"total_tokens":3}}\n\ndata: [DONE]\n\n'));
    expect((await failure()).message).toMatch(/no choices/);
  });

  it('empty choices in a JSON body: retryable', async () => {
    fake.enqueue(jsonReply({ id: 'c', object: 'chat.completion', choices: [], usage: { prompt_tokens: 3, completion_tokens: 0 } }));
    expect(await failure('openai', { stream: false })).toMatchObject({ retryable: true });
  });

  it('a JSON answer to a streaming request (a server that ignores `stream`) is still read', async () => {
    fake.enqueue(jsonReply({ id: 'c', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 1 } }));
    const adapter = await createAdapter({ provider: 'vllm', model: 'm' }, { tasks: [], baseUrl: `${fake.url}/v1` });
    const r = await adapter.generate({ taskId: 't', sampleIndex: 0, messages: [{ role: 'user', content: 'hi' }] });
    expect(r).toMatchObject({ text: 'hi', usage: { inputTokens: 3, outputTokens: 1 } });
  });
});

describe('connection failures', () => {
  it('a reset before any response: retryable', async () => {
    fake.enqueue(FAULTS.reset());
    const e = await failure();
    expect(e).toMatchObject({ retryable: true, status: undefined });
    expect(e.message).toMatch(/connection/);
  });

  it('a reset mid-stream: retryable', async () => {
    fake.enqueue(sseReply(readFixture('openai-gpt5.sse'), { resetAfter: 2 }));
    const e = await failure();
    expect(e.retryable).toBe(true);
    expect(e.message).toMatch(/connection lost mid-response/);
  });

  it('a refused connection: retryable', async () => {
    const adapter = await createAdapter({ provider: 'openai', model: 'm' }, { tasks: [], baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'k' });
    const e = await adapter.generate({ taskId: 't', sampleIndex: 0, messages: [{ role: 'user', content: 'hi' }] }).catch((x: unknown) => x);
    expect(e).toMatchObject({ retryable: true });
  });

  it('a timeout: retryable', async () => {
    fake.enqueue(sseReply(readFixture('openai-gpt5.sse'), { firstDelayMs: 1500 }));
    const adapter = await createAdapter({ provider: 'openai', model: 'm' }, { tasks: [], baseUrl: `${fake.url}/v1`, apiKey: 'k', timeoutMs: 200 });
    const e = await adapter.generate({ taskId: 't', sampleIndex: 0, messages: [{ role: 'user', content: 'hi' }] }).catch((x: unknown) => x);
    expect(e).toMatchObject({ retryable: true });
  });

  it('an abort from the runner: not retryable', async () => {
    fake.enqueue(sseReply(readFixture('openai-gpt5.sse'), { firstDelayMs: 1000 }));
    const adapter = await createAdapter({ provider: 'openai', model: 'm' }, { tasks: [], baseUrl: `${fake.url}/v1`, apiKey: 'k' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const e = await adapter.generate({ taskId: 't', sampleIndex: 0, messages: [{ role: 'user', content: 'hi' }] }, { signal: controller.signal }).catch((x: unknown) => x);
    expect(e).toMatchObject({ retryable: false });
    expect((e as Error).message).toMatch(/aborted/);
  });
});
