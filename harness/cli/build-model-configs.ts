import type { ModelAdapter } from '../adapters/model-adapter.ts';
import { createAdapter, parseModelSpec } from '../adapters/registry.ts';
import type { ModelConfig } from '../core/run-spec.ts';
import { stableHash } from '../core/stable-hash.ts';
import type { Task } from '../core/task.ts';
import type { RunModel } from '../runner/run-benchmark.ts';

export interface ModelOptions {
  temperature?: number;
  seed?: number;
}

/**
 * `--model` specs → model configs with stable ids, and their adapters. A resumed run passes its
 * stored configs, so the ids, and with them the finished samples and cached answers, match.
 */
export async function buildModels(specs: readonly string[], tasks: readonly Task[], options: ModelOptions = {}, stored?: readonly ModelConfig[]): Promise<RunModel[]> {
  const parsed = specs.map(parseModelSpec);
  return Promise.all(
    parsed.map(async (spec, i) => {
      const params: Record<string, unknown> = {};
      if (options.temperature !== undefined) params.temperature = options.temperature;
      if (options.seed !== undefined) params.seed = options.seed;
      const config: ModelConfig = stored?.[i] ?? {
        name: specs[i]!.trim(),
        provider: spec.provider,
        model: spec.model,
        params,
        configId: stableHash({ provider: spec.provider, model: spec.model, params }, 16),
      };
      const adapter: ModelAdapter = await createAdapter(spec, { tasks });
      // The reference answers are free; real prices arrive with the price book.
      const cost = spec.provider === 'reference' ? () => 0 : undefined;
      return { config, adapter, cost };
    }),
  );
}
