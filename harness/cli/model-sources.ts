import { loadConfig } from './load-config.ts';
import { loadPriceBook } from './load-price-book.ts';
import type { ModelSources } from './resolve-model.ts';

/** The flags that say where models, keys and prices come from. */
export interface ModelSourceFlags {
  config?: string;
  prices?: string;
  'base-url'?: string;
}

/** The composition root for models: the config file, the price book, and keys from the environment. */
export function modelSources(flags: ModelSourceFlags, warn: (text: string) => void, env: NodeJS.ProcessEnv = process.env): Omit<ModelSources, 'temperature' | 'seed'> {
  const config = loadConfig({ path: flags.config });
  const files = [
    ...(config.prices ? [{ path: config.prices, origin: `${config.file}: prices:` }] : []),
    ...(flags.prices ? [{ path: flags.prices, origin: '--prices' }] : []),
  ];
  return { env, config, prices: loadPriceBook(files, warn), baseUrl: flags['base-url'] };
}
