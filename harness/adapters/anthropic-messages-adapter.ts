import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { AdapterError } from '../core/errors.ts';
import type { GenerateRequest, GenerateResult } from '../core/generate.ts';
import { badResponse, causeText, idleTimeout, wrongContentType } from './adapter-failures.ts';
import { anthropicThinkingFields, buildAnthropicRequest } from './build-anthropic-request.ts';
import { AnthropicStreamCollector } from './collect-anthropic-stream.ts';
import { IdleAbort } from './idle-abort.ts';
import { nodeHttpFetch } from './node-http-fetch.ts';
import { toAdapterError } from './map-api-error.ts';
import type { ModelAdapter } from './model-adapter.ts';
import { DEFAULT_TIMEOUT_MS, isConnectionLoss, NO_KEY, type AnthropicAdapterOptions } from './protocol-options.ts';
import type { AnthropicQuirks } from './provider-presets.ts';

/** The SDK client every caller uses: no retries (the runner owns the one retry loop), nothing read from the environment. */
export function createAnthropicClient(options: { apiKey?: string; baseUrl: string; timeoutMs?: number; quirks: AnthropicQuirks }): Anthropic {
  const key = options.apiKey ?? NO_KEY;
  const bearer = options.quirks.auth === 'bearer';
  // Passing one credential explicitly stops the SDK reading ANTHROPIC_API_KEY / _AUTH_TOKEN. SDK
  // 1.x sends even an API key as a Bearer token, so for `x-api-key` endpoints the header is set
  // here and Authorization removed. The explicit timeout lifts the SDK's refusal of long
  // non-streaming requests.
  return new Anthropic({
    ...(bearer ? { authToken: key } : { apiKey: key }),
    defaultHeaders: { 'anthropic-version': options.quirks.version, ...(bearer ? {} : { 'x-api-key': key, Authorization: null }) },
    baseURL: options.baseUrl,
    webhookKey: null,
    maxRetries: 0,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    logLevel: 'off',
    fetch: nodeHttpFetch,
  });
}

/** The Messages API over the official `@anthropic-ai/sdk`: Anthropic and every Anthropic-compatible endpoint. */
export class AnthropicMessagesAdapter implements ModelAdapter {
  readonly provider: string;
  readonly model: string;
  readonly #options: AnthropicAdapterOptions;
  readonly #client: Anthropic;

  constructor(options: AnthropicAdapterOptions) {
    anthropicThinkingFields(options.params);
    this.provider = options.provider;
    this.model = options.model;
    this.#options = options;
    this.#client = createAnthropicClient(options);
  }

  async generate(request: GenerateRequest, options: { signal?: AbortSignal } = {}): Promise<GenerateResult> {
    const body = buildAnthropicRequest(request, this.model, this.#options.params);
    const started = performance.now();
    const collector = new AnthropicStreamCollector(started);
    let requestId: string | undefined;
    const idle = new IdleAbort(this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.signal);
    try {
      const { data, response, request_id } = await this.#client.messages
        .create(body as unknown as Anthropic.MessageCreateParamsNonStreaming, { signal: idle.signal })
        .withResponse();
      requestId = request_id ?? undefined;
      const type = response.headers.get('content-type') ?? '';
      if (body.stream === true) {
        if (type !== '' && !/event-stream|text\/plain/i.test(type)) throw wrongContentType(this.#name, this.#options.baseUrl, type, await response.text(), requestId);
        try {
          for await (const event of data as unknown as AsyncIterable<unknown>) {
            idle.touch();
            collector.addEvent(event, performance.now());
          }
        } catch (error) {
          // OpenRouter ends its Anthropic stream with `event: data` / `data: [DONE]` after
          // message_stop, which the SDK fails to parse; the message is complete by then.
          if (!collector.complete) throw error;
        }
        // The SDK ends iteration quietly when the request is aborted.
        if (idle.signal.aborted) throw new APIUserAbortError();
      } else {
        if (typeof data === 'string') throw wrongContentType(this.#name, this.#options.baseUrl, type, data, requestId);
        collector.addMessage(data, performance.now());
      }
    } catch (error) {
      throw idle.timedOut ? idleTimeout(this.#name, this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS, requestId, error) : this.#toError(error, requestId);
    } finally {
      idle.dispose();
    }
    const got = collector.result();
    const id = requestId ?? got.messageId;
    if (!got.complete) throw badResponse(this.#name, 'the stream ended before message_stop (truncated)', id);
    return {
      text: got.text,
      reasoning: got.reasoning,
      finishReason: got.finishReason ?? { unified: 'other', raw: undefined },
      usage: got.usage,
      timing: { ttftMs: got.ttftMs, totalMs: performance.now() - started },
      requestId: id,
    };
  }

  get #name(): string {
    return `${this.provider}:${this.model}`;
  }

  /** The one place an `@anthropic-ai/sdk` error becomes an `AdapterError`. */
  #toError(error: unknown, requestId: string | undefined): AdapterError {
    const model = this.#name;
    if (error instanceof AdapterError) return error;
    if (error instanceof APIUserAbortError) return toAdapterError({ kind: 'aborted', model, message: 'request aborted', requestId, cause: error });
    if (error instanceof APIConnectionTimeoutError) return toAdapterError({ kind: 'timeout', model, message: `timed out: ${error.message}`, requestId, cause: error });
    if (error instanceof APIConnectionError) {
      return toAdapterError({ kind: 'connection', model, message: `connection failed: ${error.message}${causeText(error)}`, requestId, cause: error });
    }
    if (error instanceof APIError) {
      return toAdapterError({
        kind: error.status === undefined ? 'after-200' : 'http',
        model,
        message: error.message,
        status: error.status,
        headers: error.headers,
        body: error.error,
        requestId: error.requestID ?? requestId,
        cause: error,
      });
    }
    if (error instanceof SyntaxError) return toAdapterError({ kind: 'bad-response', model, message: `malformed JSON in the response: ${error.message}`, requestId, cause: error });
    if (isConnectionLoss(error)) return toAdapterError({ kind: 'connection', model, message: `connection lost mid-response: ${(error as Error).message}${causeText(error)}`, requestId, cause: error });
    return toAdapterError({ kind: 'bad-response', model, message: (error as Error)?.message ?? String(error), requestId, retryable: false, cause: error });
  }
}
