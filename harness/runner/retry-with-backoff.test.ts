import { describe, expect, it } from 'vitest';
import { AdapterError } from '../core/errors.ts';
import { RetryError, retryWithBackoff } from './retry-with-backoff.ts';

const retryable = (retryAfterMs?: number) => new AdapterError('429 rate limited', { retryable: true, status: 429, retryAfterMs });
const fatal = () => new AdapterError('402 insufficient balance', { retryable: false, status: 402 });

function recorder() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe('retryWithBackoff', () => {
  it('returns the value and how many attempts it took', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    const r = await retryWithBackoff(async () => {
      if (++calls < 3) throw retryable();
      return 'ok';
    }, { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 10_000, random: () => 0.5, sleep });
    expect(r).toEqual({ value: 'ok', attempts: 3 });
    expect(waits).toEqual([50, 100]);
  });

  it('waits what the provider asked for in retry-after', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    await retryWithBackoff(async () => {
      if (++calls === 1) throw retryable(1500);
      return 1;
    }, { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 10_000, random: () => 0.5, sleep });
    expect(waits).toEqual([1500]);
  });

  it('caps the exponential backoff', async () => {
    const { waits, sleep } = recorder();
    await expect(retryWithBackoff(async () => { throw retryable(); }, { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 3000, random: () => 0.999, sleep })).rejects.toThrow(RetryError);
    expect(Math.max(...waits)).toBeLessThanOrEqual(3000);
    expect(waits).toHaveLength(5);
  });

  it('does not retry a spend-limit error, and keeps every attempt\'s error', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    const error = await retryWithBackoff(async () => {
      calls++;
      throw calls === 1 ? retryable() : fatal();
    }, { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 100, sleep }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryError);
    expect((error as RetryError).attempts).toBe(2);
    expect((error as RetryError).errors.map((e) => (e as AdapterError).status)).toEqual([429, 402]);
    expect((error as RetryError).message).toMatch(/402 insufficient balance \(after 2 attempts\)/);
    expect(waits).toHaveLength(1);
  });

  it('treats plain errors (bugs) as not retryable', async () => {
    let calls = 0;
    await expect(retryWithBackoff(async () => { calls++; throw new TypeError('boom'); }, { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 1 })).rejects.toThrow('boom');
    expect(calls).toBe(1);
  });

  it('rejects a bad attempt count by name', async () => {
    await expect(retryWithBackoff(async () => 1, { maxAttempts: 0, baseDelayMs: 1, maxDelayMs: 1 })).rejects.toThrow(/`maxAttempts`/);
  });
});
