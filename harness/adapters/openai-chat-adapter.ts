import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { AdapterError } from '../core/errors.ts';
import type { GenerateRequest, GenerateResult } from '../core/generate.ts';
import { badResponse, causeText, idleTimeout, wrongContentType } from './adapter-failures.ts';
import { buildOpenAiRequest, openAiReasoningFields } from './build-openai-request.ts';
import { OpenAiStreamCollector } from './collect-openai-stream.ts';
import { IdleAbort } from './idle-abort.ts';
import { nodeHttpFetch } from './node-http-fetch.ts';
import { toAdapterError } from './map-api-error.ts';
import type { ModelAdapter } from './model-adapter.ts';
import { DEFAULT_TIMEOUT_MS, isConnectionLoss, NO_KEY, type OpenAiAdapterOptions } from './protocol-options.ts';

/** The SDK client every caller uses: no retries (the runner owns the one retry loop), nothing read from the environment. */
export function createOpenAiClient(options: { apiKey?: string; baseUrl: string; timeoutMs?: number }): OpenAI {
  // Every option the SDK would otherwise read from the environment is given explicitly.
  return new OpenAI({
    apiKey: options.apiKey ?? NO_KEY,
    baseURL: options.baseUrl,
    organization: null,
    project: null,
    webhookSecret: null,
    maxRetries: 0,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    logLevel: 'off',
    fetch: nodeHttpFetch,
  });
}

/** Chat Completions over the official `openai` SDK: OpenAI and every OpenAI-compatible provider. */
export class OpenAiChatAdapter implements ModelAdapter {
  readonly provider: string;
  readonly model: string;
  readonly #options: OpenAiAdapterOptions;
  readonly #client: OpenAI;

  constructor(options: OpenAiAdapterOptions) {
    openAiReasoningFields(options.params, options.quirks);
    this.provider = options.provider;
    this.model = options.model;
    this.#options = options;
    this.#client = createOpenAiClient(options);
  }

  async generate(request: GenerateRequest, options: { signal?: AbortSignal } = {}): Promise<GenerateResult> {
    const body = buildOpenAiRequest(request, this.model, this.#options.params, this.#options.quirks);
    const started = performance.now();
    const collector = new OpenAiStreamCollector(started);
    let requestId: string | undefined;
    const idle = new IdleAbort(this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.signal);
    try {
      const { data, response, request_id } = await this.#client.chat.completions
        .create(body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming, { signal: idle.signal })
        .withResponse();
      requestId = request_id ?? undefined;
      const type = response.headers.get('content-type') ?? '';
      if (body.stream === true && !/json/i.test(type)) {
        if (type !== '' && !/event-stream|text\/plain/i.test(type)) throw wrongContentType(this.#name, this.#options.baseUrl, type, await response.text(), requestId);
        for await (const chunk of data as unknown as AsyncIterable<unknown>) {
          idle.touch();
          collector.addChunk(chunk, performance.now());
        }
        if (idle.signal.aborted) throw new APIUserAbortError();
      } else {
        // A stream request answered with JSON: a server that ignores `stream`, or an error sent with 200.
        const parsed: unknown = body.stream === true ? JSON.parse(await response.text()) : data;
        if (typeof parsed === 'string') throw wrongContentType(this.#name, this.#options.baseUrl, type, parsed, requestId);
        if (parsed !== null && typeof parsed === 'object' && 'error' in parsed && (parsed as { error: unknown }).error) {
          throw new APIError(undefined, (parsed as { error: object }).error, undefined, response.headers);
        }
        collector.addCompletion(parsed, performance.now());
      }
    } catch (error) {
      throw idle.timedOut ? idleTimeout(this.#name, this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS, requestId, error) : this.#toError(error, requestId);
    } finally {
      idle.dispose();
    }
    const got = collector.result();
    const id = requestId ?? got.responseId;
    if (got.choices === 0) throw badResponse(this.#name, 'the response had no choices', id);
    if (got.finishReason === undefined) throw badResponse(this.#name, 'the stream ended before a finish reason (truncated)', id);
    return {
      text: got.text,
      reasoning: got.reasoning,
      finishReason: got.finishReason,
      usage: got.usage,
      timing: { ttftMs: got.ttftMs, totalMs: performance.now() - started },
      requestId: id,
      providerCostUsd: got.providerCostUsd,
    };
  }

  get #name(): string {
    return `${this.provider}:${this.model}`;
  }

  /** The one place an `openai` SDK error becomes an `AdapterError`. */
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
