import { InputError } from '../core/errors.ts';
import type { Task } from '../core/task.ts';
import { buildModelTargets, type ModelTarget } from './build-model-targets.ts';
import type { ModelAdapter } from './model-adapter.ts';
import type { ModelParams } from './model-params.ts';
import type { Protocol } from './provider-presets.ts';

/** What a factory may need. The CLI fills keys from the environment; adapters never read it. */
export interface AdapterContext {
  tasks: readonly Task[];
  apiKey?: string;
  /** Overrides the preset's base URL; required for `openai-compatible` and `anthropic-compatible`. */
  baseUrl?: string;
  params?: ModelParams;
  timeoutMs?: number;
}

export interface ParsedModelSpec {
  provider: string;
  model: string;
}

type Factory = (spec: ParsedModelSpec, context: AdapterContext) => Promise<ModelAdapter>;

const TARGETS = buildModelTargets();

const PROTOCOLS: Record<Protocol, (target: ModelTarget, spec: ParsedModelSpec, context: AdapterContext, baseUrl: string) => Promise<ModelAdapter>> = {
  'openai-chat': async (target, spec, context, baseUrl) =>
    new (await import('./openai-chat-adapter.ts')).OpenAiChatAdapter({ ...common(spec, context, baseUrl), quirks: target.openaiQuirks }),
  'anthropic-messages': async (target, spec, context, baseUrl) =>
    new (await import('./anthropic-messages-adapter.ts')).AnthropicMessagesAdapter({ ...common(spec, context, baseUrl), quirks: target.anthropicQuirks }),
};

function common(spec: ParsedModelSpec, context: AdapterContext, baseUrl: string) {
  return { provider: spec.provider, model: spec.model, baseUrl, apiKey: context.apiKey, params: context.params ?? {}, timeoutMs: context.timeoutMs };
}

// A flat map from provider name to a lazily imported factory: no if/else ladder over names.
const FACTORIES: Record<string, Factory> = {
  reference: async (_spec, context) => new (await import('./reference-adapter.ts')).ReferenceAdapter(context.tasks),
  ...Object.fromEntries(
    Object.values(TARGETS).map((target): [string, Factory] => [
      target.name,
      async (spec, context) => {
        const baseUrl = context.baseUrl ?? target.baseUrl;
        if (baseUrl === undefined) throw new InputError(`--model ${spec.provider}:${spec.model}: ${target.name} needs --base-url URL (or base_url in the config file)`);
        return PROTOCOLS[target.protocol](target, spec, context, baseUrl);
      },
    ]),
  ),
};

export function providerNames(): string[] {
  return Object.keys(FACTORIES).sort();
}

/** The preset behind a provider name (`deepseek`, `zai-anthropic`, …); `undefined` for `reference`. */
export function modelTarget(provider: string): ModelTarget | undefined {
  return TARGETS[provider];
}

export function modelTargets(): ModelTarget[] {
  return Object.values(TARGETS);
}

/** `reference`, or `provider:model`. */
export function parseModelSpec(spec: string): ParsedModelSpec {
  const text = spec.trim();
  const colon = text.indexOf(':');
  const provider = colon < 0 ? text : text.slice(0, colon);
  const model = colon < 0 ? text : text.slice(colon + 1);
  if (!FACTORIES[provider]) {
    throw new InputError(`--model ${JSON.stringify(spec)}: unknown provider "${provider}" (known: ${providerNames().join(', ')})`);
  }
  if (model === '' || (colon < 0 && provider !== 'reference')) {
    throw new InputError(`--model ${JSON.stringify(spec)}: missing model name, e.g. ${provider}:<model>`);
  }
  return { provider, model };
}

export async function createAdapter(spec: ParsedModelSpec, context: AdapterContext): Promise<ModelAdapter> {
  const factory = FACTORIES[spec.provider];
  if (!factory) throw new InputError(`unknown provider "${spec.provider}" (known: ${providerNames().join(', ')})`);
  return factory(spec, context);
}
