import {
  DEFAULT_ANTHROPIC_QUIRKS,
  DEFAULT_OPENAI_QUIRKS,
  PROVIDER_PRESETS,
  type AnthropicQuirks,
  type OpenAiQuirks,
  type Protocol,
  type ProviderPreset,
} from './provider-presets.ts';

/** One name usable before the colon of a model spec, fully resolved from its preset. */
export interface ModelTarget {
  /** `deepseek`, `deepseek-anthropic`, `openai-compatible`, … */
  name: string;
  preset: string;
  label: string;
  protocol: Protocol;
  /** `undefined` when the user must supply one. */
  baseUrl: string | undefined;
  keyVar: string;
  keyRequired: boolean;
  priceNamespace: string | undefined;
  openaiQuirks: OpenAiQuirks;
  anthropicQuirks: AnthropicQuirks;
}

const SUFFIX: Record<Protocol, string> = { 'openai-chat': 'openai', 'anthropic-messages': 'anthropic' };

/**
 * A preset that speaks both protocols is reachable as `<name>` (its default protocol) and as
 * `<name>-openai` / `<name>-anthropic`, e.g. `zai-anthropic:glm-4.6`.
 */
export function buildModelTargets(presets: Record<string, ProviderPreset> = PROVIDER_PRESETS): Record<string, ModelTarget> {
  const targets: Record<string, ModelTarget> = {};
  for (const [preset, p] of Object.entries(presets)) {
    const protocols = (['openai-chat', 'anthropic-messages'] as const).filter((proto) => endpoint(p, proto) !== undefined);
    targets[preset] = target(preset, preset, p, p.defaultProtocol);
    if (protocols.length > 1) for (const proto of protocols) targets[`${preset}-${SUFFIX[proto]}`] = target(`${preset}-${SUFFIX[proto]}`, preset, p, proto);
  }
  return targets;
}

function endpoint(p: ProviderPreset, protocol: Protocol) {
  return protocol === 'openai-chat' ? p.openai : p.anthropic;
}

function target(name: string, preset: string, p: ProviderPreset, protocol: Protocol): ModelTarget {
  const ep = endpoint(p, protocol);
  if (!ep) throw new TypeError(`Expected preset \`${preset}\` to define its ${protocol} endpoint (its default protocol)`);
  return {
    name,
    preset,
    label: p.label,
    protocol,
    baseUrl: ep.baseUrl,
    keyVar: p.keyVar,
    keyRequired: p.keyRequired,
    priceNamespace: p.priceNamespace,
    openaiQuirks: { ...DEFAULT_OPENAI_QUIRKS, ...(p.openai?.quirks ?? {}) },
    anthropicQuirks: { ...DEFAULT_ANTHROPIC_QUIRKS, ...(p.anthropic?.quirks ?? {}) },
  };
}
