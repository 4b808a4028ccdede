import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicMessageBody, anthropicStreamFrames } from './build-anthropic-sse.ts';
import { openAiCompletionBody, openAiStreamFrames, type FakeAnswer, type OpenAiFlavour } from './build-openai-sse.ts';
import { faithfulReply } from './faithful-reply.ts';
import type { ConformanceDeviation } from './faithful-rules.ts';
import type { FakeReply } from './fake-reply.ts';
import { estimateTokens, type FakeUsage } from './fake-usage.ts';

export interface FakeRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: any;
  protocol: 'openai-chat' | 'anthropic-messages' | 'other';
}

export interface FakeProviderOptions {
  /** Port to listen on; 0 (the default) picks a free one. Always bound to 127.0.0.1. */
  port?: number;
  /** Answers every request nothing was scripted for; gets the last user message. */
  answer?: (prompt: string, request: FakeRequest) => string | FakeAnswer;
  /** Whose habits unscripted OpenAI-style answers imitate. */
  flavour?: OpenAiFlavour;
  /** Prompt tokens reported as cache hits on unscripted answers. */
  cachedTokens?: number;
  /** Delay before the first frame of every unscripted stream. */
  firstTokenDelayMs?: number;
  /** Injected faults: asked before each unscripted answer; a reply it returns is sent instead. */
  fault?: (request: FakeRequest) => FakeReply | undefined;
  /** Called after an unscripted request was answered in full (what a provider would bill). */
  onAnswered?: (request: FakeRequest) => void;
  /** Keep every request in `requests` (default); off for long load runs, where only the count grows. */
  keepRequests?: boolean;
  /** Answer by the deterministic rules of faithful-rules.ts, as the reference APIs document (for `codebench conformance`). */
  faithful?: boolean;
  /** Faithful mode with these misbehaviours switched on (implies `faithful`). */
  deviations?: Iterable<ConformanceDeviation>;
}

/**
 * A real HTTP server on 127.0.0.1 that speaks the Chat Completions and Messages wire formats,
 * so the official SDKs can be tested against it with no network. Replies are scripted in order
 * with `enqueue` (recorded payloads and faults); when none is queued it answers from `answer`.
 */
export class FakeProvider {
  readonly requests: FakeRequest[] = [];
  readonly #queue: FakeReply[] = [];
  readonly #server: Server;
  readonly #options: FakeProviderOptions;
  #url = '';
  #count = 0;

  private constructor(options: FakeProviderOptions) {
    this.#options = options;
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          // Kept as text; the test can look at it.
        }
        const path = (req.url ?? '/').split('?')[0]!;
        const protocol = path.endsWith('/chat/completions') ? 'openai-chat' : path.endsWith('/v1/messages') ? 'anthropic-messages' : 'other';
        const request: FakeRequest = { method: req.method ?? 'GET', path, headers: req.headers, body, protocol };
        this.#count++;
        if (this.#options.keepRequests !== false) this.requests.push(request);
        void this.#respond(request, res).catch(() => res.destroy());
      });
    });
  }

  static async start(options: FakeProviderOptions = {}): Promise<FakeProvider> {
    const fake = new FakeProvider(options);
    await new Promise<void>((resolve, reject) => {
      fake.#server.once('error', reject);
      fake.#server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    fake.#url = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`;
    return fake;
  }

  /** `http://127.0.0.1:PORT`: the Anthropic SDK's base URL; add `/v1` for the OpenAI SDK. */
  get url(): string {
    return this.#url;
  }

  /** Requests seen; with the log kept, tests may clear `requests` to start counting afresh. */
  get requestCount(): number {
    return this.#options.keepRequests === false ? this.#count : this.requests.length;
  }

  /** Replies for the next requests, in order. */
  enqueue(...replies: FakeReply[]): this {
    this.#queue.push(...replies);
    return this;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #respond(request: FakeRequest, res: ServerResponse): Promise<void> {
    const scripted = this.#queue.shift() ?? this.#options.fault?.(request);
    const faithful = this.#options.faithful === true || this.#options.deviations !== undefined;
    const reply = scripted ?? (faithful ? faithfulReply(request, new Set(this.#options.deviations ?? [])) : this.#answer(request));
    const idHeader = request.protocol === 'anthropic-messages' ? { 'request-id': `req_fake_${this.requestCount}` } : { 'x-request-id': `req_fake_${this.requestCount}` };
    if (scripted === undefined && this.#options.onAnswered) res.once('finish', () => this.#options.onAnswered!(request));
    switch (reply.type) {
      case 'reset':
        res.socket?.destroy();
        return;
      case 'json': {
        const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...idHeader, ...reply.headers });
        res.end(`${reply.padding ?? ''}${text}`);
        return;
      }
      case 'raw':
        res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType, ...idHeader, ...reply.headers });
        res.end(reply.body);
        return;
      case 'sse': {
        res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...idHeader, ...reply.headers });
        res.flushHeaders();
        if (reply.firstDelayMs) await sleep(reply.firstDelayMs);
        for (const [i, frame] of reply.frames.entries()) {
          if (reply.resetAfter !== undefined && i >= reply.resetAfter) {
            res.socket?.destroy();
            return;
          }
          if (reply.endAfter !== undefined && i >= reply.endAfter) break;
          if (i > 0 && reply.gapMs) await sleep(reply.gapMs);
          res.write(frame);
        }
        res.end();
        return;
      }
    }
  }

  /** An unscripted request: answer it in its own protocol, streaming or not as it asked. */
  #answer(request: FakeRequest): FakeReply {
    if (request.protocol === 'other') return { type: 'json', status: 404, body: { error: { message: `no route ${request.method} ${request.path}`, type: 'invalid_request_error' } } };
    const messages: { role: string; content: unknown }[] = Array.isArray(request.body?.messages) ? request.body.messages : [];
    const texts = messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
    const system = typeof request.body?.system === 'string' ? request.body.system : '';
    const prompt = [...messages].reverse().find((m) => m.role === 'user');
    const raw = this.#options.answer?.(typeof prompt?.content === 'string' ? prompt.content : '', request) ?? 'I have no answer configured.';
    const answer: FakeAnswer = typeof raw === 'string' ? { text: raw } : raw;
    const promptTokens = estimateTokens(system + texts.join('\n'));
    const reasoningTokens = answer.reasoning === undefined ? 0 : estimateTokens(answer.reasoning);
    const usage: FakeUsage = {
      prompt: promptTokens,
      cached: Math.min(this.#options.cachedTokens ?? 0, promptTokens),
      completion: estimateTokens(answer.text) + reasoningTokens,
      reasoning: reasoningTokens,
    };
    const model = String(request.body?.model ?? 'fake-model');
    const stream = request.body?.stream === true;
    if (request.protocol === 'anthropic-messages') {
      return stream ? { type: 'sse', frames: anthropicStreamFrames(answer, usage, model), firstDelayMs: this.#options.firstTokenDelayMs } : { type: 'json', body: anthropicMessageBody(answer, usage, model) };
    }
    const flavour = this.#options.flavour ?? 'openai';
    const includeUsage = request.body?.stream_options?.include_usage === true;
    return stream
      ? { type: 'sse', frames: openAiStreamFrames(answer, usage, flavour, model, includeUsage), firstDelayMs: this.#options.firstTokenDelayMs }
      : { type: 'json', body: openAiCompletionBody(answer, usage, flavour, model) };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
