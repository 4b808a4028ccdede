/** One scripted response. Faults are replies too: a status with a body, a cut stream, a reset. */
export type FakeReply =
  | { type: 'json'; status?: number; headers?: Record<string, string>; body: unknown; padding?: string }
  | {
      type: 'sse';
      status?: number;
      headers?: Record<string, string>;
      contentType?: string;
      /** Each frame is written as is, e.g. `data: {...}\n\n` or `: keep-alive\n\n`. */
      frames: string[];
      /** Wait before the first frame: a slow first token. */
      firstDelayMs?: number;
      gapMs?: number;
      /** End the response cleanly after this many frames: a truncated stream. */
      endAfter?: number;
      /** Destroy the socket after this many frames: a connection reset mid-stream. */
      resetAfter?: number;
    }
  | { type: 'raw'; status?: number; contentType: string; body: string; headers?: Record<string, string> }
  | { type: 'reset' };

/** Raw SSE text (a recorded fixture) → frames, one per event, with blank-line separators kept. */
export function sseFrames(text: string): string[] {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n\n+/)
    .filter((frame) => frame.trim() !== '')
    .map((frame) => `${frame.replace(/\n+$/, '')}\n\n`);
}

export function sseReply(text: string, options: Omit<Extract<FakeReply, { type: 'sse' }>, 'type' | 'frames'> = {}): FakeReply {
  return { type: 'sse', frames: sseFrames(text), ...options };
}

export function jsonReply(body: unknown, options: { status?: number; headers?: Record<string, string>; padding?: string } = {}): FakeReply {
  return { type: 'json', body, ...options };
}

/** An HTTP error as each protocol shapes it, with optional wait hints. */
export function errorReply(status: number, body: unknown, headers: Record<string, string> = {}): FakeReply {
  return { type: 'json', status, body, headers };
}

export const FAULTS = {
  /** OpenAI's 429 with all three wait hints (providers.md §2.1). */
  openAiRateLimited: (retryAfterSeconds = 1, retryAfterMs?: number): FakeReply =>
    errorReply(
      429,
      { error: { message: 'Rate limit reached for gpt-4o-mini in organization org-XXXX on tokens per min (TPM): Limit 200000, Used 170633, Requested 180002. Please try again in 45.19s.', type: 'tokens', param: null, code: 'rate_limit_exceeded' } },
      { 'retry-after': String(retryAfterSeconds), ...(retryAfterMs === undefined ? {} : { 'retry-after-ms': String(retryAfterMs) }), 'x-request-id': 'req_fake_429' },
    ),
  anthropicRateLimited: (retryAfterSeconds = 1): FakeReply =>
    errorReply(
      429,
      { type: 'error', error: { type: 'rate_limit_error', message: "This request would exceed your account's rate limit. Please try again later." }, request_id: 'req_011CeBMhQkPKvK4okSKtsEEL' },
      { 'retry-after': String(retryAfterSeconds), 'request-id': 'req_011CeBMhQkPKvK4okSKtsEEL' },
    ),
  serverError: (): FakeReply => errorReply(500, { error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } }),
  overloaded: (): FakeReply => errorReply(529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
  reset: (): FakeReply => ({ type: 'reset' }),
  malformedJson: (): FakeReply => ({ type: 'sse', frames: ['data: {"id":"x","choices":[{"index":0,"delta":{"content":"he\n\n', 'data: [DONE]\n\n'] }),
  wrongContentType: (): FakeReply => ({ type: 'raw', contentType: 'text/html; charset=utf-8', body: '<html><body><h1>Welcome to nginx!</h1></body></html>' }),
} as const;
