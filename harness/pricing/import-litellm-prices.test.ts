import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cost } from './cost.ts';
import { importLitellmPrices } from './import-litellm-prices.ts';
import { lookupPrice } from './lookup-price.ts';

const json: unknown = JSON.parse(readFileSync(join(import.meta.dirname, '__fixtures__', 'litellm-sample.json'), 'utf8'));
const { book, warnings } = importLitellmPrices(json, 'litellm-sample.json');

describe('importLitellmPrices', () => {
  it('skips sample_spec, non-object keys and entries without token prices', () => {
    expect(Object.keys(book).sort()).toEqual(['anthropic/claude-sonnet-4-5', 'dashscope/qwen3-coder-plus', 'deepseek/deepseek-reasoner', 'openai/o1-like']);
  });

  it('refuses per-million figures entered as per-token ones, saying so', () => {
    expect(warnings).toEqual([expect.stringMatching(/skipped "wandb\/Qwen\/Qwen3-Coder-480B-A35B-Instruct": input_cost_per_token is above/)]);
  });

  it('converts to per-million rates with cache writes, the 1-hour write and the 200k threshold', () => {
    expect(book['anthropic/claude-sonnet-4-5']).toMatchObject({
      input: 3,
      output: 15,
      cacheRead: 0.3,
      cacheWrite: 3.75,
      cacheWrite1h: 6,
      thresholds: [{ aboveTokens: 200_000, input: 6, output: 22.5, cacheRead: 0.6, cacheWrite: 7.5 }],
    });
    // Above 200k: 250000 × $6 + 1000 × $22.50 = $1522500 per million.
    expect(cost({ inputTokens: 250_000, outputTokens: 1000 }, book['anthropic/claude-sonnet-4-5'])).toBeCloseTo(1.5225, 10);
  });

  it('reads DeepSeek’s duplicate cache-hit key and keeps the entry’s own source', () => {
    expect(book['deepseek/deepseek-reasoner']).toMatchObject({ input: 0.28, cacheRead: 0.028, output: 0.42, source: 'litellm-sample.json (https://api-docs.deepseek.com/quick_start/pricing)' });
    // 33 × $0.28 + 64 × $0.028 + 106 × $0.42 = $55.552 per million.
    expect(cost({ inputTokens: 33, cacheReadTokens: 64, outputTokens: 106 }, lookupPrice(book, 'deepseek', 'deepseek-reasoner'))).toBeCloseTo(0.000055552, 12);
  });

  it('keeps tiered pricing, all-or-nothing by prompt size', () => {
    const plus = book['dashscope/qwen3-coder-plus']!;
    expect(plus.tiers).toHaveLength(4);
    // 300000 prompt tokens → last tier: 300000 × $6 + 100 × $60 = $1806000 per million.
    expect(cost({ inputTokens: 300_000, outputTokens: 100 }, plus)).toBeCloseTo(1.806, 10);
  });

  it('keeps a separate reasoning rate', () => {
    // 40 × $10 + 60 × $20 = $1600 per million.
    expect(cost({ inputTokens: 0, outputTokens: 100, reasoningTokens: 60 }, book['openai/o1-like'])).toBeCloseTo(0.0016, 12);
  });

  it('rejects a file that is not an object of entries', () => {
    expect(() => importLitellmPrices([], 'x.json')).toThrow(/x\.json/);
  });
});
