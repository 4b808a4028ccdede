import type { ModelParams } from '../adapters/model-params.ts';
import { modelTarget, parseModelSpec } from '../adapters/registry.ts';
import { InputError } from '../core/errors.ts';
import type { ModelConfig } from '../core/run-spec.ts';
import { lookupPrice } from '../pricing/lookup-price.ts';
import type { ModelPrice, PriceBook } from '../pricing/model-price.ts';
import type { CodebenchConfig, ConfiguredModel } from './load-config.ts';

/** What the command line and the config file say about models, and the environment to take keys from. */
export interface ModelSources {
  env: Readonly<Record<string, string | undefined>>;
  config: CodebenchConfig;
  prices: PriceBook;
  /** `--base-url`: for every `provider:model` given on the command line. */
  baseUrl?: string;
  /** `--temperature` / `--seed`: for every model, over the config's values. */
  temperature?: number;
  seed?: number;
}

export interface ResolvedModel {
  name: string;
  provider: string;
  model: string;
  /** Everything that decides the answers: hashed into the config id. */
  params: ModelParams;
  apiKey?: string;
  price?: ModelPrice;
}

/** A `--model` value: a config-file name, `reference`, or `provider:model`. */
export function resolveModel(spec: string, sources: ModelSources): ResolvedModel {
  const name = spec.trim();
  const configured = sources.config.models.find((m) => m.name === name);
  if (configured) return fromConfigured(configured, sources);
  const { provider, model } = parseModelSpec(name);
  const params: ModelParams = {};
  if (sources.baseUrl !== undefined && provider !== 'reference') params.baseUrl = checkUrl(sources.baseUrl, '--base-url');
  return finish(name, provider, model, withFlags(params, sources), undefined, `--model ${name}`, sources);
}

/** A stored config of a resumed run: its params are kept exactly, so its id and cached answers match. */
export function resolveStoredModel(config: ModelConfig, sources: ModelSources): ResolvedModel {
  const configured = sources.config.models.find((m) => m.name === config.name);
  return finish(config.name, config.provider, config.model, config.params as ModelParams, configured, `--resume model ${config.name}`, sources);
}

function fromConfigured(c: ConfiguredModel, sources: ModelSources): ResolvedModel {
  const params: ModelParams = { ...c.params };
  if (c.baseUrl !== undefined) params.baseUrl = c.baseUrl;
  const where = `--model ${c.name} (${c.origin.file}${c.origin.line === undefined ? '' : `:${c.origin.line}`})`;
  return finish(c.name, c.provider, c.model, withFlags(params, sources), c, where, sources);
}

function withFlags(params: ModelParams, sources: ModelSources): ModelParams {
  const out = { ...params };
  if (sources.temperature !== undefined) out.temperature = sources.temperature;
  if (sources.seed !== undefined) out.seed = sources.seed;
  return out;
}

function finish(name: string, provider: string, model: string, params: ModelParams, configured: ConfiguredModel | undefined, where: string, sources: ModelSources): ResolvedModel {
  if (provider === 'reference') return { name, provider, model, params, price: { input: 0, output: 0, source: 'reference solutions cost nothing' } };
  const target = modelTarget(provider);
  if (!target) throw new InputError(`${where}: unknown provider "${provider}"`);
  if (params.baseUrl === undefined && target.baseUrl === undefined) throw new InputError(`${where}: ${provider} needs --base-url URL (or base_url in the config file)`);
  const keyVar = configured?.apiKeyEnv ?? target.keyVar;
  const apiKey = sources.env[keyVar] || undefined;
  if (apiKey === undefined && (target.keyRequired || configured?.apiKeyEnv !== undefined)) throw new InputError(`${where}: set ${keyVar}`);
  const price = configured?.price ?? lookupPrice(sources.prices, target.priceNamespace, model);
  return { name, provider, model, params, apiKey, price };
}

function checkUrl(text: string, flag: string): string {
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return text.replace(/\/+$/, '');
  } catch {
    // Reported below.
  }
  throw new InputError(`${flag} ${text}: expected an http:// or https:// URL`);
}
