import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AdapterError } from '../core/errors.ts';
import { FakeProvider } from './fake-provider/fake-provider-server.ts';
import { errorReply, FAULTS, sseReply } from './fake-provider/fake-reply.ts';
import { readFixture } from './fake-provider/read-fixture.ts';
import type { ModelParams } from './model-params.ts';
import { createAdapter } from './registry.ts';

// Hostile and failing Anthropic-style providers, through the real `@anthropic-ai/sdk`.

let fake: FakeProvider;
beforeAll(async () => {
  fake = await FakeProvider.start({ answer: () => 'fine' });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

async function failure(params: ModelParams = {}, provider = 'anthropic'): Promise<AdapterError> {
  const adapter = await createAdapter({ provider, model: 'claude-x' }, { tasks: [], baseUrl: fake.url, apiKey: 'k', params });
  const error = await adapter.generate({ taskId: 't', sampleIndex: 0, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AdapterError);
  expect(fake.requestCount).toBe(1);
  return error as AdapterError;
}

describe('HTTP errors', () => {
  it('429 rate_limit_error with retry-after: retryable, wait and request id kept, and the SDK did not retry', async () => {
    fake.enqueue(FAULTS.anthropicRateLimited(3));
    expect(await failure()).toMatchObject({ retryable: true, status: 429, retryAfterMs: 3000, requestId: 'req_011CeBMhQkPKvK4okSKtsEEL' });
  });

  it('429 with an HTTP-date retry-after', async () => {
    const when = new Date(Date.now() + 5000).toUTCString();
    fake.enqueue(errorReply(429, { type: 'error', error: { type: 'rate_limit_error', message: 'slow' } }, { 'retry-after': when }));
    const e = await failure();
    expect(e.retryAfterMs).toBeGreaterThan(3000);
    expect(e.retryAfterMs).toBeLessThanOrEqual(5000);
  });

  it.each([
    ['529 overloaded', FAULTS.overloaded(), true, 529],
    ['500 api_error', errorReply(500, { type: 'error', error: { type: 'api_error', message: 'Internal' } }), true, 500],
    ['400 invalid_request_error', errorReply(400, { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: too big' } }), false, 400],
    ['402 billing_error', errorReply(402, { type: 'error', error: { type: 'billing_error', message: 'Your credit balance is too low' } }), false, 402],
    [
      '429 enforced_spend_limit_reached',
      errorReply(429, { type: 'error', error: { type: 'rate_limit_error', message: 'You have reached your specified workspace API usage limits.', details: { error_code: 'enforced_spend_limit_reached' } } }, { 'retry-after': '60' }),
      false,
      429,
    ],
  ])('%s', async (_name, reply, retryable, status) => {
    fake.enqueue(reply);
    expect(await failure()).toMatchObject({ retryable, status });
  });
});

describe('hostile 200 responses', () => {
  it('an overloaded_error event mid-stream: retryable, as a 529', async () => {
    const frames = readFixture('anthropic-basic.sse').split('\n\n').slice(0, 4).join('\n\n');
    fake.enqueue(sseReply(`${frames}\n\nevent: error\ndata: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}\n\n`));
    expect(await failure()).toMatchObject({ retryable: true, status: 529 });
  });

  it('a stream cut before message_stop: retryable', async () => {
    fake.enqueue(sseReply(readFixture('anthropic-basic.sse'), { endAfter: 6 }));
    expect((await failure()).message).toMatch(/truncated/);
  });

  it('a data-only stream (no event: lines, which the SDK drops): reported, not an empty answer', async () => {
    const dataOnly = readFixture('anthropic-basic.sse').replace(/^event: .*\n/gm, '');
    fake.enqueue(sseReply(dataOnly));
    expect(await failure()).toMatchObject({ retryable: true });
  });

  it('malformed JSON: retryable', async () => {
    fake.enqueue(sseReply('event: message_start\ndata: {"type":"message_start","message":{"id":"m","usage":{"input_tokens":1\n\n'));
    const e = await failure();
    expect(e.retryable).toBe(true);
    expect(e.message).toMatch(/malformed/);
  });

  it('wrong content type: not retryable', async () => {
    fake.enqueue(FAULTS.wrongContentType());
    expect(await failure()).toMatchObject({ retryable: false });
  });

  it('wrong content type without streaming: not retryable', async () => {
    fake.enqueue(FAULTS.wrongContentType());
    expect(await failure({ stream: false })).toMatchObject({ retryable: false });
  });

  it('a reset mid-stream: retryable', async () => {
    fake.enqueue(sseReply(readFixture('anthropic-basic.sse'), { resetAfter: 3 }));
    expect(await failure()).toMatchObject({ retryable: true });
  });

  it('a stream that stalls after the headers times out: retryable', async () => {
    fake.enqueue(sseReply(readFixture('anthropic-basic.sse'), { firstDelayMs: 1500 }));
    const adapter = await createAdapter({ provider: 'anthropic', model: 'c' }, { tasks: [], baseUrl: fake.url, apiKey: 'k', timeoutMs: 200 });
    const e = await adapter.generate({ taskId: 't', sampleIndex: 0, messages: [{ role: 'user', content: 'hi' }] }).catch((x: unknown) => x);
    expect(e).toMatchObject({ retryable: true });
    expect((e as Error).message).toMatch(/timed out/);
  });
});
