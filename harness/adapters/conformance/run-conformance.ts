import { createAnthropicClient } from '../anthropic-messages-adapter.ts';
import { createOpenAiClient } from '../openai-chat-adapter.ts';
import type { AnthropicQuirks, OpenAiQuirks, Protocol } from '../provider-presets.ts';
import { ANTHROPIC_PROBES } from './anthropic-probes.ts';
import { OPENAI_ERROR_PROBES } from './openai-error-probes.ts';
import type { OpenAiProbeClient } from './openai-probe-client.ts';
import { OPENAI_TEXT_PROBES } from './openai-text-probes.ts';
import { OPENAI_TOOL_PROBES } from './openai-tool-probes.ts';
import { apiErrorFacts, deviation, TokenTally, unsupported, type Probe, type ProbeContext, type ProbeReport } from './probe.ts';

export const OPENAI_PROBES: Probe<OpenAiProbeClient>[] = [...OPENAI_TEXT_PROBES, ...OPENAI_TOOL_PROBES, ...OPENAI_ERROR_PROBES];

export interface ConformanceTarget {
  protocol: Protocol;
  model: string;
  baseUrl: string;
  apiKey?: string;
  openaiQuirks: OpenAiQuirks;
  anthropicQuirks: AnthropicQuirks;
  /** Per request; default 60 s, as every probe is small. */
  timeoutMs?: number;
}

export interface ConformanceReport {
  protocol: Protocol;
  model: string;
  probes: ProbeReport[];
  tokens: { input: number; output: number; outputBound: number };
}

/** Runs the battery one probe at a time (so a rate limit is not provoked) through the official SDK. */
export async function runConformance(target: ConformanceTarget, options: { only?: readonly string[] } = {}): Promise<ConformanceReport> {
  const tokens = new TokenTally();
  const timeoutMs = target.timeoutMs ?? 60_000;
  const probes: ProbeReport[] = [];
  const wanted = <C>(list: Probe<C>[]) => list.filter((p) => !options.only || options.only.includes(p.name));
  if (target.protocol === 'openai-chat') {
    const make = (apiKey: string | undefined): OpenAiProbeClient => ({ sdk: createOpenAiClient({ apiKey, baseUrl: target.baseUrl, timeoutMs }), maxTokensField: target.openaiQuirks.maxTokensField });
    await runAll(wanted(OPENAI_PROBES), { client: make(target.apiKey), badKeyClient: make('bad-key'), model: target.model, tokens }, probes);
  } else {
    const make = (apiKey: string | undefined) => createAnthropicClient({ apiKey, baseUrl: target.baseUrl, timeoutMs, quirks: target.anthropicQuirks });
    await runAll(wanted(ANTHROPIC_PROBES), { client: make(target.apiKey), badKeyClient: make('bad-key'), model: target.model, tokens }, probes);
  }
  return { protocol: target.protocol, model: target.model, probes, tokens: { input: tokens.input, output: tokens.output, outputBound: tokens.outputBound } };
}

async function runAll<C>(list: Probe<C>[], context: ProbeContext<C>, out: ProbeReport[]): Promise<void> {
  for (const probe of list) {
    let outcome;
    try {
      outcome = await probe.run(context);
    } catch (error) {
      const e = apiErrorFacts(error);
      if (e.status === 429) {
        // Rate limited: nothing learnt about this probe, but the 429 itself is what `retry-after` looks for.
        if (context.observed429 === undefined) context.observed429 = e.headers?.get('retry-after') ?? null;
        outcome = unsupported(`rate limited (429) before the check: ${e.message}`.slice(0, 160));
      } else {
        // A probe that throws met an error the reference would not give: that is the deviation.
        outcome = deviation(`${e.status === undefined ? '' : `${e.status} `}${e.message}`.slice(0, 160));
      }
    }
    out.push({ name: probe.name, checks: probe.checks, ...outcome });
  }
}
