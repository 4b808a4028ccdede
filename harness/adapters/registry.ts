import { InputError } from '../core/errors.ts';
import type { Task } from '../core/task.ts';
import type { ModelAdapter } from './model-adapter.ts';

/** What a factory may need; real providers will add keys and base URLs here. */
export interface AdapterContext {
  tasks: readonly Task[];
}

export interface ParsedModelSpec {
  provider: string;
  model: string;
}

type Factory = (spec: ParsedModelSpec, context: AdapterContext) => Promise<ModelAdapter>;

// A flat map from provider name to a lazily imported factory: no if/else ladder over names.
const FACTORIES: Record<string, Factory> = {
  reference: async (_spec, context) => new (await import('./reference-adapter.ts')).ReferenceAdapter(context.tasks),
};

export function providerNames(): string[] {
  return Object.keys(FACTORIES).sort();
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
  if (model === '') throw new InputError(`--model ${JSON.stringify(spec)}: missing model name after "${provider}:"`);
  return { provider, model };
}

export async function createAdapter(spec: ParsedModelSpec, context: AdapterContext): Promise<ModelAdapter> {
  return FACTORIES[spec.provider]!(spec, context);
}
