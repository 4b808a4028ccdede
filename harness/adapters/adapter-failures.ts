import type { AdapterError } from '../core/errors.ts';
import { toAdapterError } from './map-api-error.ts';

// The failures both protocol adapters detect themselves, rather than receive from their SDK.

/** A 200 we cannot use: truncated, empty, malformed. Usually worth another try. */
export function badResponse(model: string, message: string, requestId: string | undefined, retryable = true): AdapterError {
  return toAdapterError({ kind: 'bad-response', model, message, requestId, retryable });
}

/** An HTML page or the like where an API should be: a wrong base URL, which retrying cannot fix. */
export function wrongContentType(model: string, baseUrl: string, type: string, text: string, requestId: string | undefined): AdapterError {
  const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 120);
  return badResponse(model, `expected JSON or an event stream, got content type "${type}": ${snippet} (is the base URL ${baseUrl} right?)`, requestId, false);
}

export function idleTimeout(model: string, ms: number, requestId: string | undefined, cause: unknown): AdapterError {
  return toAdapterError({ kind: 'timeout', model, message: `timed out: nothing arrived for ${ms} ms`, requestId, cause });
}

/** `(ECONNRESET)` or the cause's message, for a connection error's text. */
export function causeText(error: unknown): string {
  const cause = (error as { cause?: { message?: string; code?: string } }).cause;
  return cause?.code ? ` (${cause.code})` : cause?.message ? ` (${cause.message})` : '';
}
