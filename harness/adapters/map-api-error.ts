import { AdapterError } from '../core/errors.ts';

/** What went wrong, in SDK-neutral terms; each protocol adapter fills this from its own SDK's error. */
export interface ApiErrorFacts {
  /**
   * `http`: a non-2xx status. `after-200`: an error event inside a stream that began with 200.
   * `connection`: refused, reset or cut mid-stream. `bad-response`: a 200 we cannot use (malformed
   * JSON, wrong content type, truncated stream, no choices).
   */
  kind: 'http' | 'after-200' | 'connection' | 'timeout' | 'aborted' | 'bad-response';
  /** Which model, e.g. `deepseek:deepseek-chat`, so the message names it. */
  model: string;
  message: string;
  status?: number;
  headers?: { get(name: string): string | null } | null;
  /** The error body as sent: OpenAI style `{error:{…}}`, Anthropic `{type:'error', error:{…}}`, or flat. */
  body?: unknown;
  requestId?: string | null;
  /** For `bad-response`: whether trying again could help. */
  retryable?: boolean;
  cause?: unknown;
}

/** 408, 409, 429 and every 5xx (529 included) are worth another try; other 4xx are not. */
const RETRYABLE_STATUS = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500;

/** Mid-stream Anthropic error types and what status they stand for (docs: overloaded_error ~ 529). */
const TYPE_STATUS: Record<string, number> = { overloaded_error: 529, api_error: 500, rate_limit_error: 429, timeout_error: 504, invalid_request_error: 400, billing_error: 402 };

/** The one place an API failure becomes an `AdapterError`, classified retryable or not. */
export function toAdapterError(facts: ApiErrorFacts): AdapterError {
  const inner = innerError(facts.body);
  // After a 200, OpenRouter puts the status it would have sent in `error.code`.
  const status = facts.status ?? (facts.kind === 'after-200' ? statusFromBody(inner) : undefined);
  const spent = spendLimitReason(inner, facts.message);
  const retryAfterMs = parseRetryAfter(facts.headers) ?? openRouterRetryAfter(inner);
  const shouldRetry = facts.headers?.get('x-should-retry');
  let retryable: boolean;
  if (facts.kind === 'aborted') retryable = false;
  else if (spent) retryable = false;
  else if (facts.kind === 'connection' || facts.kind === 'timeout') retryable = true;
  else if (facts.kind === 'bad-response') retryable = facts.retryable ?? true;
  else if (shouldRetry === 'true' || shouldRetry === 'false') retryable = shouldRetry === 'true';
  else if (status !== undefined) retryable = status !== 402 && RETRYABLE_STATUS(status);
  else retryable = facts.kind === 'after-200';
  const what = spent ? ` (${spent}: not retried)` : '';
  return new AdapterError(`${facts.model}: ${facts.message}${what}`, {
    retryable,
    status,
    requestId: facts.requestId ?? stringField(facts.body, 'request_id') ?? undefined,
    retryAfterMs,
    cause: facts.cause,
  });
}

/** Spend-limit, quota and balance errors look like 429s or 400s but retrying never helps. */
export function spendLimitReason(inner: Record<string, unknown> | undefined, message: string): string | undefined {
  const code = inner?.code;
  const type = inner?.type;
  const details = inner?.details as Record<string, unknown> | undefined;
  if (code === 'insufficient_quota' || type === 'insufficient_quota') return 'quota exhausted';
  if (details?.error_code === 'enforced_spend_limit_reached') return 'spend limit reached';
  if (type === 'billing_error') return 'billing error';
  if (code === '1113' || code === 1113) return 'balance exhausted';
  const text = `${typeof inner?.message === 'string' ? inner.message : ''} ${message}`;
  if (/insufficient (account )?balance|余额不足|insufficient credits|exceeded your current quota/i.test(text)) return 'balance exhausted';
  return undefined;
}

/** `retry-after-ms` (float ms) wins over `retry-after` (seconds, or an HTTP date). */
export function parseRetryAfter(headers: ApiErrorFacts['headers'], now = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const text = headers?.get('retry-after')?.trim();
  if (!text) return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function openRouterRetryAfter(inner: Record<string, unknown> | undefined): number | undefined {
  const seconds = (inner?.metadata as Record<string, unknown> | undefined)?.retry_after_seconds;
  return typeof seconds === 'number' && seconds >= 0 ? seconds * 1000 : undefined;
}

function statusFromBody(inner: Record<string, unknown> | undefined): number | undefined {
  const code = inner?.code;
  if (typeof code === 'number' && code >= 400 && code < 600) return code;
  return typeof inner?.type === 'string' ? TYPE_STATUS[inner.type] : undefined;
}

/** Both SDKs hand over either the whole body or its `error` member; find the member either way. */
function innerError(body: unknown): Record<string, unknown> | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const error = (body as Record<string, unknown>).error;
  return error !== null && typeof error === 'object' ? (error as Record<string, unknown>) : (body as Record<string, unknown>);
}

function stringField(body: unknown, key: string): string | undefined {
  const value = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}
