import { describe, expect, it } from 'vitest';
import type { ModelSummary } from '../compare/summarize-run.ts';
import { formatRunSummary } from './format-run-summary.ts';

function summary(name: string, cost: ModelSummary['cost'], tokens: ModelSummary['tokens'] = {}, ttftP50Ms?: number): ModelSummary {
  return {
    name,
    tasks: 1,
    samples: 1,
    passAt1: 1,
    counts: { pass: 1, fail: 0, error: 0, timeout: 0, 'no-code': 0, unscored: 0 },
    tokens,
    cost,
    latency: { ttftP50Ms },
    totalMs: 1500,
  } as unknown as ModelSummary;
}

describe('formatRunSummary', () => {
  it('shows tokens, dollars and time to first token, and "?" (never $0) for an unknown cost', () => {
    const text = formatRunSummary([
      summary('priced', { totalUsd: 0.01170915, unpricedSamples: 0 }, { input: 1, cacheRead: 30433, cacheWrite: 287, output: 100 }, 412.4),
      summary('unpriced', { unpricedSamples: 1 }, { input: 10, output: 5 }),
    ]);
    const [header, , priced, unpriced] = text.split('\n');
    expect(header).toMatch(/in +cache r +cache w +out +reason +\$ total +ttft p50 +s\/sample$/);
    expect(priced).toMatch(/ 1 +30433 +287 +100 +- +\$0\.0117 +412ms +1\.50s$/);
    expect(unpriced).toMatch(/ 10 +- +- +5 +- +\? +- +1\.50s$/);
    expect(text).toMatch(/note: unpriced: no price for 1 answer\(s\)/);
  });

  it('flags a provider bill that differs from our price (OpenRouter Fixture K: $0.000454 billed, $0.000619 listed)', () => {
    const text = formatRunSummary([summary('openrouter:moonshotai/kimi-k2.5', { totalUsd: 0.0006186, providerTotalUsd: 0.00045364, unpricedSamples: 0 })]);
    expect(text).toMatch(/note: openrouter:moonshotai\/kimi-k2\.5: the provider billed \$0\.000454 but the price book gives \$0\.000619 \(-27%\); check its price/);
  });

  it('stays quiet when the bills agree (Fixture J: $0.000106 both)', () => {
    expect(formatRunSummary([summary('openrouter:anthropic/claude-haiku-4.5', { totalUsd: 0.000106, providerTotalUsd: 0.000106, unpricedSamples: 0 })])).not.toMatch(/note/);
  });
});
