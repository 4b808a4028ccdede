import type { CompletionEntry, GenerateResult } from '../core/generate.ts';
import type { SampleRecord } from '../core/run-spec.ts';
import type { RunStore } from './run-types.ts';

/** How long a write may wait for others to join its transaction. */
const FLUSH_MS = 50;
const FLUSH_ITEMS = 256;

/**
 * The runner's writes, committed in groups. A transaction per answer and per sample took a fifth
 * of the runner's CPU at a few hundred samples a second, time the model requests then waited for.
 * Grouped, a kill -9 loses at most the last `FLUSH_MS` of finished work beside the samples in
 * flight, and nothing is half-written: each flush is one transaction.
 */
export class WriteBehind {
  readonly #store: RunStore;
  readonly #flushMs: number;
  #completions = new Map<string, CompletionEntry>();
  #samples: SampleRecord[] = [];
  #timer: NodeJS.Timeout | undefined;
  #failure: Error | undefined;

  constructor(store: RunStore, options: { flushMs?: number } = {}) {
    this.#store = store;
    this.#flushMs = options.flushMs ?? FLUSH_MS;
  }

  /** The error that stopped writing, if any: nothing queued since is written, and `flush` throws it. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  getCompletion(cacheKey: string): GenerateResult | undefined {
    return this.#completions.get(cacheKey)?.result ?? this.#store.getCompletion(cacheKey);
  }

  putCompletion(cacheKey: string, configId: string, result: GenerateResult): void {
    this.#completions.set(cacheKey, { cacheKey, configId, result });
    this.#queued();
  }

  recordSample(record: SampleRecord): void {
    this.#samples.push(record);
    this.#queued();
  }

  /** Writes everything queued now; throws what stopped writing, now or earlier. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#failure) throw this.#failure;
    if (this.#completions.size === 0 && this.#samples.length === 0) return;
    const batch = { completions: [...this.#completions.values()], samples: this.#samples };
    this.#completions = new Map();
    this.#samples = [];
    try {
      this.#store.writeBatch(batch);
    } catch (error) {
      this.#failure = error instanceof Error ? error : new Error(String(error));
      throw this.#failure;
    }
  }

  #queued(): void {
    if (this.#failure) return;
    if (this.#completions.size + this.#samples.length >= FLUSH_ITEMS) this.#flushKeepingFailure();
    else this.#timer ??= setTimeout(() => this.#flushKeepingFailure(), this.#flushMs);
  }

  // The writer's callers are the model calls and the grading; a failed write is not theirs to
  // handle. It is kept in `failure`: the runner stops scheduling and rethrows it from its last flush.
  #flushKeepingFailure(): void {
    try {
      this.flush();
    } catch {
      /* kept in `failure` */
    }
  }
}
