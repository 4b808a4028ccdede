import type { GenerateRequest, GenerateResult } from '../core/generate.ts';

/**
 * Every model, real or fake, is reached through this one contract. `generate` throws
 * `AdapterError` (with `retryable`) and never returns an error string; the runner owns retries.
 */
export interface ModelAdapter {
  /** Provider name from the registry, e.g. `reference`, `scripted`, `deepseek`. */
  readonly provider: string;
  /** Model name as sent to the provider. */
  readonly model: string;
  generate(request: GenerateRequest, options?: { signal?: AbortSignal }): Promise<GenerateResult>;
}
