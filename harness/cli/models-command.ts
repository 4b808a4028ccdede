import type { Argv, CommandModule } from 'yargs';
import { modelTargets } from '../adapters/registry.ts';
import { lookupPrice } from '../pricing/lookup-price.ts';
import { formatTable } from '../report/format-table.ts';
import { loadConfig } from './load-config.ts';
import { loadPriceBook } from './load-price-book.ts';
import type { CliIO } from './main.ts';

interface ModelsArgs {
  action: string;
  config?: string;
  json?: boolean;
}

/** Whether a key is there, never what it is. */
type KeyState = 'set' | 'missing' | 'not needed';

export function modelsCommand(setCode: (code: number) => void, io: CliIO, env: NodeJS.ProcessEnv = process.env): CommandModule<object, ModelsArgs> {
  return {
    command: 'models <action>',
    describe: 'List the provider presets and the configured models, and whether each key is set',
    builder: (y: Argv) =>
      y
        .positional('action', { choices: ['list'] as const, describe: 'list' })
        .option('config', { type: 'string', describe: 'Config file (default: codebench.config.yaml or .json here)' })
        .option('json', { type: 'boolean', describe: 'Print JSON on stdout' })
        .example('$0 models list', 'Presets, configured models, and which keys are set') as unknown as Argv<ModelsArgs>,
    handler: (args) => {
      const keyState = (name: string, required: boolean): KeyState => (env[name] ? 'set' : required ? 'missing' : 'not needed');
      const presets = modelTargets().map((t) => ({
        provider: t.name,
        protocol: t.protocol,
        baseUrl: t.baseUrl ?? null,
        keyVar: t.keyVar,
        key: keyState(t.keyVar, t.keyRequired),
        prices: t.priceNamespace ?? null,
        label: t.label,
      }));
      const config = loadConfig({ path: args.config });
      const book = loadPriceBook(config.prices ? [{ path: config.prices, origin: `${config.file}: prices:` }] : [], io.stderr);
      const configured = config.models.map((m) => {
        const target = modelTargets().find((t) => t.name === m.provider)!;
        const keyVar = m.apiKeyEnv ?? target.keyVar;
        const price = m.price ?? lookupPrice(book, target.priceNamespace, m.model);
        return {
          name: m.name,
          provider: m.provider,
          model: m.model,
          baseUrl: m.baseUrl ?? target.baseUrl ?? null,
          keyVar,
          key: keyState(keyVar, target.keyRequired || m.apiKeyEnv !== undefined),
          priced: price !== undefined,
          params: m.params,
        };
      });
      if (args.json) {
        io.stdout(`${JSON.stringify({ config: config.file ?? null, presets, models: configured }, null, 2)}\n`);
      } else {
        io.stdout(`${formatTable(['provider', 'protocol', 'base URL', 'key variable', 'key', 'prices'], presets.map((p) => [p.provider, p.protocol, p.baseUrl ?? '(--base-url)', p.keyVar, p.key, p.prices ?? '-']))}\n`);
        io.stdout(`\nUse provider:model, e.g. deepseek:deepseek-chat or zai-anthropic:glm-4.6.\n`);
        if (config.file === undefined) io.stdout('No config file (codebench.config.yaml or .json here, or --config FILE).\n');
        else if (configured.length === 0) io.stdout(`${config.file}: no models configured.\n`);
        else {
          io.stdout(`\nConfigured in ${config.file}:\n`);
          io.stdout(`${formatTable(['name', 'provider', 'model', 'key variable', 'key', 'price', 'params'], configured.map((m) => [m.name, m.provider, m.model, m.keyVar, m.key, m.priced ? 'known' : 'unknown', JSON.stringify(m.params)]))}\n`);
        }
      }
      setCode(0);
    },
  };
}
