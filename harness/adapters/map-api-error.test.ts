import { describe, expect, it } from 'vitest';
import { parseRetryAfter, spendLimitReason, toAdapterError } from './map-api-error.ts';

const headers = (h: Record<string, string>) => new Headers(h);

describe('parseRetryAfter', () => {
  it('prefers retry-after-ms, then retry-after seconds, then an HTTP date', () => {
    expect(parseRetryAfter(headers({ 'retry-after-ms': '45190', 'retry-after': '46' }))).toBe(45190);
    expect(parseRetryAfter(headers({ 'retry-after': '1.5' }))).toBe(1500);
    expect(parseRetryAfter(headers({ 'retry-after': 'Wed, 21 Oct 2026 07:28:10 GMT' }), Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe('spendLimitReason', () => {
  it.each([
    [{ code: 'insufficient_quota', type: 'insufficient_quota' }, 'quota exhausted'],
    [{ type: 'rate_limit_error', details: { error_code: 'enforced_spend_limit_reached' } }, 'spend limit reached'],
    [{ code: '1113', message: 'Insufficient balance or no resource package. Please recharge.' }, 'balance exhausted'],
    [{ type: 'billing_error' }, 'billing error'],
    [{ message: '余额不足或无可用资源包,请充值。' }, 'balance exhausted'],
    [{ type: 'rate_limit_error', message: 'slow down' }, undefined],
  ])('%j → %s', (inner, reason) => {
    expect(spendLimitReason(inner, '')).toBe(reason);
  });
});

describe('toAdapterError', () => {
  it('classifies by status, and names the model', () => {
    const e = toAdapterError({ kind: 'http', model: 'deepseek:deepseek-chat', message: '503 Server Overloaded', status: 503 });
    expect(e).toMatchObject({ retryable: true, status: 503, message: 'deepseek:deepseek-chat: 503 Server Overloaded' });
    expect(toAdapterError({ kind: 'http', model: 'm', message: 'x', status: 422 }).retryable).toBe(false);
    expect(toAdapterError({ kind: 'http', model: 'm', message: 'x', status: 408 }).retryable).toBe(true);
  });

  it('obeys x-should-retry, except over a spend limit', () => {
    expect(toAdapterError({ kind: 'http', model: 'm', message: 'x', status: 500, headers: headers({ 'x-should-retry': 'false' }) }).retryable).toBe(false);
    expect(toAdapterError({ kind: 'http', model: 'm', message: 'x', status: 400, headers: headers({ 'x-should-retry': 'true' }) }).retryable).toBe(true);
    expect(toAdapterError({ kind: 'http', model: 'm', message: 'x', status: 429, headers: headers({ 'x-should-retry': 'true' }), body: { error: { code: 'insufficient_quota' } } }).retryable).toBe(false);
  });

  it('takes the status of an error sent after a 200 from its code or type', () => {
    expect(toAdapterError({ kind: 'after-200', model: 'm', message: 'x', body: { code: 429, message: 'upstream' } })).toMatchObject({ retryable: true, status: 429 });
    expect(toAdapterError({ kind: 'after-200', model: 'm', message: 'x', body: { type: 'error', error: { type: 'overloaded_error' } } })).toMatchObject({ retryable: true, status: 529 });
    expect(toAdapterError({ kind: 'after-200', model: 'm', message: 'x', body: { type: 'error', error: { type: 'invalid_request_error' } } })).toMatchObject({ retryable: false, status: 400 });
  });

  it('keeps the request id from the body when no header had one', () => {
    expect(toAdapterError({ kind: 'http', model: 'm', message: 'x', status: 429, body: { type: 'error', error: { type: 'rate_limit_error' }, request_id: 'req_1' } }).requestId).toBe('req_1');
  });

  it('never retries an abort; always retries a lost connection', () => {
    expect(toAdapterError({ kind: 'aborted', model: 'm', message: 'x' }).retryable).toBe(false);
    expect(toAdapterError({ kind: 'connection', model: 'm', message: 'x' }).retryable).toBe(true);
    expect(toAdapterError({ kind: 'timeout', model: 'm', message: 'x' }).retryable).toBe(true);
  });
});
