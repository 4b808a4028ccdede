import type { GenerateRequest, GenerateResult } from '../core/generate.ts';
import { stableHash } from '../core/stable-hash.ts';
import { AdaptiveLimit, RateCap } from './adaptive-limit.ts';
import { retryWithBackoff } from './retry-with-backoff.ts';
import type { RetryPolicy, RunEvent, RunModel } from './run-types.ts';
import type { WriteBehind } from './write-behind.ts';

/**
 * Everything that decides a response: the config id already hashes provider, model, URL and
 * parameters. `scope` narrows reuse to one run (`--fresh`), so a nightly run asks the provider
 * again instead of replaying last night's answers, while a resumed run still pays nothing twice.
 */
export function cacheKey(configId: string, request: GenerateRequest, scope?: string): string {
  return stableHash({ configId, messages: request.messages, sampleIndex: request.sampleIndex, temperature: request.temperature, maxTokens: request.maxTokens, seed: request.seed, ...(scope === undefined ? {} : { scope }) });
}

export interface GenerateContext {
  /** The answer cache, through the run's grouped writes. */
  store: Pick<WriteBehind, 'getCompletion' | 'putCompletion'>;
  /** Set to the run id for answers that must not come from earlier runs. */
  cacheScope?: string;
  retry: RetryPolicy;
  concurrency: number;
  requestsPerMinute?: number;
  signal?: AbortSignal;
  random?: () => number;
  emit: (event: RunEvent) => void;
  onRateLimited: () => void;
}

/** One adaptive concurrency limit and one rate cap per provider endpoint. */
export class ProviderGates {
  readonly #gates = new Map<string, { limit: AdaptiveLimit; cap: RateCap }>();
  readonly #context: GenerateContext;

  constructor(context: GenerateContext) {
    this.#context = context;
  }

  #gate(model: RunModel) {
    const key = `${model.config.provider}\u0000${String(model.config.params.baseUrl ?? '')}`;
    let gate = this.#gates.get(key);
    if (!gate) {
      gate = { limit: new AdaptiveLimit(this.#context.concurrency), cap: new RateCap(this.#context.requestsPerMinute) };
      this.#gates.set(key, gate);
    }
    return gate;
  }

  /**
   * A cached answer costs nothing; otherwise the call goes through the provider's gate and the one
   * retry loop, and only a successful answer is cached (errors never are).
   */
  async generate(model: RunModel, request: GenerateRequest): Promise<{ result: GenerateResult; attempts: number; cached: boolean }> {
    const { store, retry, signal } = this.#context;
    const key = cacheKey(model.config.configId, request, this.#context.cacheScope);
    const hit = store.getCompletion(key);
    if (hit) return { result: hit, attempts: 0, cached: true };
    const gate = this.#gate(model);
    const { value, attempts } = await retryWithBackoff(
      async () => {
        for (let wait = gate.cap.reserve(); wait > 0; wait = gate.cap.reserve()) await new Promise((r) => setTimeout(r, wait));
        await gate.limit.acquire();
        try {
          const result = await model.adapter.generate(request, { signal });
          gate.limit.succeeded();
          return result;
        } catch (error) {
          if ((error as { status?: number }).status === 429) {
            gate.limit.backOff();
            this.#context.onRateLimited();
          }
          throw error;
        } finally {
          gate.limit.release();
        }
      },
      {
        ...retry,
        signal,
        random: this.#context.random,
        onRetry: (error, _attempt, delayMs) =>
          this.#context.emit({ type: 'retry', model: model.config.name, status: (error as { status?: number }).status, delayMs, message: (error as Error).message }),
      },
    );
    store.putCompletion(key, model.config.configId, value);
    return { result: value, attempts, cached: false };
  }
}
