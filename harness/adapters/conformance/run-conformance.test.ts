import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ANTHROPIC_QUIRKS, DEFAULT_OPENAI_QUIRKS, type Protocol } from '../provider-presets.ts';
import { CONFORMANCE_DEVIATIONS, type ConformanceDeviation } from '../fake-provider/faithful-rules.ts';
import { FakeProvider } from '../fake-provider/fake-provider-server.ts';
import { FAULTS } from '../fake-provider/fake-reply.ts';
import { diffConformance, formatConformance } from './format-conformance.ts';
import { runConformance } from './run-conformance.ts';

// The battery through the real SDKs against the fake server on 127.0.0.1: faithful, every probe
// passes; with one misbehaviour switched on, exactly the probe that checks it deviates.

let fake: FakeProvider | undefined;
afterEach(() => fake?.close());

const PROTOCOLS: Protocol[] = ['openai-chat', 'anthropic-messages'];
/** Probes no fake can make pass: no 429 is provoked, and Chat Completions cannot count tokens. */
const UNSUPPORTED: Record<Protocol, string[]> = { 'openai-chat': ['retry-after', 'token-counting'], 'anthropic-messages': ['retry-after'] };

const MATCHING: Record<ConformanceDeviation, string> = {
  'no-stream-usage': 'stream-usage',
  'wrong-truncation-stop-reason': 'max-tokens',
  'ignore-stop-sequences': 'stop-sequences',
  'substitute-model': 'model-echo',
  'require-reasoning-passback': 'reasoning-passback',
  'malformed-tool-calls': 'tool-round-trip',
  'error-in-200-stream': 'stream-error-status',
};

async function battery(protocol: Protocol, deviations?: ConformanceDeviation[]) {
  fake = await FakeProvider.start({ faithful: true, deviations });
  const baseUrl = protocol === 'openai-chat' ? `${fake.url}/v1` : fake.url;
  return runConformance({ protocol, model: 'fake-model', baseUrl, apiKey: 'good-key', openaiQuirks: DEFAULT_OPENAI_QUIRKS, anthropicQuirks: DEFAULT_ANTHROPIC_QUIRKS });
}

describe('runConformance', () => {
  it.each(PROTOCOLS)('passes every probe against the faithful fake over %s', async (protocol) => {
    const report = await battery(protocol);
    const notPassed = report.probes.filter((p) => p.result !== 'pass');
    expect(notPassed.map((p) => `${p.name}: ${p.result} ${p.detail}`)).toEqual(UNSUPPORTED[protocol].map((name) => expect.stringMatching(new RegExp(`^${name}: unsupported`))));
    expect(report.probes.length).toBeGreaterThanOrEqual(18);
    expect(report.tokens.input).toBeGreaterThan(0);
    expect(report.tokens.output).toBeLessThanOrEqual(report.tokens.outputBound);
  });

  it('judges Retry-After on a 429 met along the way, and counts the probe it hit as unsupported', async () => {
    fake = await FakeProvider.start({ faithful: true });
    fake.enqueue(FAULTS.anthropicRateLimited(7));
    const report = await runConformance({ protocol: 'anthropic-messages', model: 'm', baseUrl: fake.url, openaiQuirks: DEFAULT_OPENAI_QUIRKS, anthropicQuirks: DEFAULT_ANTHROPIC_QUIRKS });
    expect(report.probes.find((p) => p.name === 'text')).toMatchObject({ result: 'unsupported', detail: expect.stringMatching(/^rate limited \(429\)/) });
    expect(report.probes.find((p) => p.name === 'retry-after')).toMatchObject({ result: 'pass', detail: 'a 429 came with Retry-After: 7' });
  });

  it('formats a table with the change since the previous battery', () => {
    const probes = [{ name: 'text', checks: '', result: 'pass' as const, detail: 'ok' }, { name: 'model-echo', checks: '', result: 'deviation' as const, detail: 'asked for a' }];
    const changes = diffConformance([{ name: 'text', result: 'pass' }, { name: 'model-echo', result: 'pass' }, { name: 'gone', result: 'pass' }], probes);
    expect(changes).toEqual([{ name: 'model-echo', before: 'pass', after: 'deviation', detail: 'asked for a' }, { name: 'gone', before: 'pass', after: 'absent', detail: '' }]);
    const text = formatConformance({ report: { protocol: 'openai-chat', model: 'm', probes, tokens: { input: 3, output: 2, outputBound: 64 } }, baseUrlHost: 'h', changes, previousAt: 'yesterday' }, 'table');
    expect(text).toContain('model-echo  deviation  asked for a');
    expect(text).toContain('1 pass, 1 deviation, 0 unsupported. Tokens: 3 in, 2 out (output bounded by 64).');
    expect(text).toContain('Changed since yesterday:\n  model-echo: pass -> deviation (asked for a)');
  });

  describe.each(PROTOCOLS)('over %s', (protocol) => {
    it.each(CONFORMANCE_DEVIATIONS)('reports %s as exactly one deviation', async (deviation) => {
      const report = await battery(protocol, [deviation]);
      const deviating = report.probes.filter((p) => p.result === 'deviation');
      expect(deviating.map((p) => p.name), JSON.stringify(deviating)).toEqual([MATCHING[deviation]]);
      const unsupported = report.probes.filter((p) => p.result === 'unsupported').map((p) => p.name);
      expect(unsupported).toEqual(UNSUPPORTED[protocol]);
    });
  });
});
