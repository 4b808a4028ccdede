import type { CommandModule } from 'yargs';
import { diffConformance, formatConformance, type ConformanceFormat } from '../adapters/conformance/format-conformance.ts';
import { runConformance, type ConformanceReport } from '../adapters/conformance/run-conformance.ts';
import type { ModelTarget } from '../adapters/build-model-targets.ts';
import type { Protocol } from '../adapters/provider-presets.ts';
import { modelTarget } from '../adapters/registry.ts';
import { InputError } from '../core/errors.ts';
import { openStore } from '../store/open-store.ts';
import type { CliIO } from './main.ts';
import { modelSources } from './model-sources.ts';
import { resolveModel, type ModelSources } from './resolve-model.ts';
import type { Store } from '../store/store.ts';

interface ConformanceArgs {
  model: string;
  protocol?: 'anthropic' | 'openai';
  format: ConformanceFormat;
  'base-url'?: string;
  config?: string;
  prices?: string;
  db: string;
}

const PROTOCOL: Record<'anthropic' | 'openai', Protocol> = { anthropic: 'anthropic-messages', openai: 'openai-chat' };

export function conformanceCommand(setCode: (code: number) => void, io: CliIO): CommandModule<object, ConformanceArgs> {
  return {
    command: 'conformance',
    describe: 'Probe whether an endpoint behaves like the API it claims to replace; exit 1 on any deviation',
    builder: (y) =>
      y
        .option('model', { type: 'string', demandOption: true, describe: 'provider:model, or a model name from the config file' })
        .option('protocol', { choices: ['anthropic', 'openai'] as const, describe: "Which of the provider's APIs to probe (default: its default)" })
        .option('format', { choices: ['table', 'md', 'json'] as const, default: 'table' as ConformanceFormat, describe: 'Output format' })
        .option('base-url', { type: 'string', describe: 'Endpoint base URL (required for openai-compatible / anthropic-compatible)' })
        .option('config', { type: 'string', describe: 'Config file (default: codebench.config.yaml if present)' })
        .option('prices', { type: 'string', describe: 'Extra price file' })
        .option('db', { type: 'string', default: 'results/codebench.db', describe: 'SQLite results file; the battery is kept there with its history' })
        .example('$0 conformance --model deepseek:deepseek-chat --protocol anthropic', "Probe DeepSeek's Anthropic endpoint"),
    handler: async (args) => {
      const store = openStore(args.db);
      try {
        const sources = modelSources(args, (text) => io.stderr(`codebench: ${text}\n`));
        const { report, text } = await probeAndRecord(args.model, args.protocol, sources, store, args.format);
        io.stdout(text);
        setCode(hasDeviation(report) ? 1 : 0);
      } finally {
        store.close();
      }
    },
  };
}

/** Runs the battery for one model spec, keeps it in the store, and formats it with the change since last time. */
export async function probeAndRecord(
  model: string,
  protocol: 'anthropic' | 'openai' | undefined,
  sources: Omit<ModelSources, 'temperature' | 'seed'>,
  store: Store,
  format: ConformanceFormat = 'table',
): Promise<{ report: ConformanceReport; text: string }> {
  const spec = model.trim();
  const resolved = resolveModel(spec, sources);
  const target = pickTarget(spec, resolved.provider, protocol);
  const baseUrl = resolved.params.baseUrl ?? target.baseUrl;
  if (baseUrl === undefined) throw new InputError(`--model ${spec}: ${target.name} needs --base-url URL`);
  const report = await runConformance({ protocol: target.protocol, model: resolved.model, baseUrl, apiKey: resolved.apiKey, openaiQuirks: target.openaiQuirks, anthropicQuirks: target.anthropicQuirks });
  const baseUrlHost = new URL(baseUrl).host;
  const previous = store.listConformance({ modelSpec: spec, protocol: report.protocol })[0];
  store.recordConformance({ modelSpec: spec, protocol: report.protocol, baseUrlHost, results: report.probes.map(({ name, result, detail }) => ({ name, result, detail })), tokens: report.tokens.input + report.tokens.output });
  const text = formatConformance({ report, baseUrlHost, changes: previous && diffConformance(previous.results, report.probes), previousAt: previous?.createdAt }, format);
  return { report, text };
}

/** `run --require-conformance`: the deviations of every non-reference model, as one line each; empty when all conform. */
export async function conformanceGate(models: readonly string[], sources: Omit<ModelSources, 'temperature' | 'seed'>, store: Store): Promise<string[]> {
  const failures: string[] = [];
  for (const model of models) {
    if (model.trim() === 'reference') continue;
    const { report } = await probeAndRecord(model, undefined, sources, store);
    const bad = report.probes.filter((p) => p.result === 'deviation');
    if (bad.length > 0) failures.push(`${model}: ${bad.map((p) => `${p.name} (${p.detail})`).join('; ')}`);
  }
  return failures;
}

export function hasDeviation(report: ConformanceReport): boolean {
  return report.probes.some((p) => p.result === 'deviation');
}

/** `--protocol` picks `<preset>-anthropic` / `<preset>-openai` for a preset that speaks both. */
function pickTarget(spec: string, provider: string, protocol: 'anthropic' | 'openai' | undefined): ModelTarget {
  const target = modelTarget(provider);
  if (!target) throw new InputError(`--model ${spec}: conformance needs a provider endpoint, not ${provider}`);
  if (protocol === undefined || target.protocol === PROTOCOL[protocol]) return target;
  const other = modelTarget(`${target.preset}-${protocol}`);
  if (!other) throw new InputError(`--protocol ${protocol}: ${provider} speaks only ${target.protocol}`);
  return other;
}
