import { CodebenchError } from '../core/errors.ts';

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** First backoff; doubles each attempt up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Uniform in [0, 1); seeded in tests. */
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** Called before each wait, e.g. to count 429s or slow a provider's concurrency down. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/** Every attempt failed, or one failed in a way that retrying cannot fix. Keeps each attempt's error. */
export class RetryError extends CodebenchError {
  readonly attempts: number;
  readonly errors: unknown[];

  constructor(errors: unknown[]) {
    const last = errors.at(-1);
    const message = last instanceof Error ? last.message : String(last);
    super(errors.length > 1 ? `${message} (after ${errors.length} attempts)` : message, { retryable: false, cause: last });
    this.attempts = errors.length;
    this.errors = errors;
  }
}

/**
 * The one retry loop (SDK clients are built with `maxRetries: 0`). It retries only errors that
 * say `retryable: true`, waits what the provider asked for (`retry-after-ms` / `retry-after`,
 * carried as `retryAfterMs`) or else capped exponential backoff with full jitter.
 */
export async function retryWithBackoff<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<{ value: T; attempts: number }> {
  if (!Number.isInteger(options.maxAttempts) || options.maxAttempts < 1) {
    throw new TypeError(`Expected \`maxAttempts\` to be an integer from 1 and up, got ${options.maxAttempts}`);
  }
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? abortableSleep;
  const errors: unknown[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await fn(attempt), attempts: attempt };
    } catch (error) {
      errors.push(error);
      if (!isRetryable(error) || attempt >= options.maxAttempts || options.signal?.aborted) throw new RetryError(errors);
      const backoff = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1)) * random();
      const asked = (error as { retryAfterMs?: number }).retryAfterMs;
      const delay = Math.round(asked !== undefined && asked >= 0 ? Math.min(asked, options.maxDelayMs * 4) : backoff);
      options.onRetry?.(error, attempt, delay);
      await sleep(delay, options.signal);
    }
  }
}

export function isRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === true;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
