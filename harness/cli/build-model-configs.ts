import type { ModelAdapter } from '../adapters/model-adapter.ts';
import { createAdapter } from '../adapters/registry.ts';
import type { ModelConfig } from '../core/run-spec.ts';
import { stableHash } from '../core/stable-hash.ts';
import type { Task } from '../core/task.ts';
import { cost } from '../pricing/cost.ts';
import { PRICE_BOOK } from '../pricing/price-book.ts';
import type { RunModel } from '../runner/run-benchmark.ts';
import { resolveModel, resolveStoredModel, type ModelSources } from './resolve-model.ts';

export interface ModelOptions {
  temperature?: number;
  seed?: number;
}

/**
 * `--model` specs → model configs with stable ids, and their adapters. A resumed run passes its
 * stored configs, so the ids, and with them the finished samples and cached answers, match.
 * Keys come from `sources.env` (only cli/ reads the environment) and never reach the config.
 */
export async function buildModels(
  specs: readonly string[],
  tasks: readonly Task[],
  options: ModelOptions = {},
  stored?: readonly ModelConfig[],
  sources: Omit<ModelSources, 'temperature' | 'seed'> = { env: {}, config: { models: [] }, prices: PRICE_BOOK },
): Promise<RunModel[]> {
  const all: ModelSources = { ...sources, ...options };
  const resolved = specs.map((spec, i) => (stored?.[i] ? resolveStoredModel(stored[i]!, all) : resolveModel(spec, all)));
  return Promise.all(
    resolved.map(async (m, i) => {
      const params = m.params as Record<string, unknown>;
      const config: ModelConfig = stored?.[i] ?? {
        name: m.name,
        provider: m.provider,
        model: m.model,
        params,
        // Base URL and every parameter are in `params`; keys and prices are not, as they do not decide answers.
        configId: stableHash({ provider: m.provider, model: m.model, params }, 16),
      };
      const adapter: ModelAdapter = await createAdapter({ provider: m.provider, model: m.model }, { tasks, apiKey: m.apiKey, baseUrl: m.params.baseUrl, params: m.params });
      const price = m.price;
      return { config, adapter, cost: price ? (usage) => cost(usage, price) : undefined };
    }),
  );
}
