import { describe, expect, it } from 'vitest';
import { cost } from './cost.ts';
import { lookupPrice } from './lookup-price.ts';
import type { ModelPrice } from './model-price.ts';
import { PRICE_BOOK } from './price-book.ts';

const sonnet = lookupPrice(PRICE_BOOK, 'anthropic', 'claude-sonnet-4-5')!;

describe('cost', () => {
  it('charges uncached input, cache reads, cache writes and output at their own rates', () => {
    // 1 × $3 + 287 × $3.75 + 30433 × $0.30 + 100 × $15 = $11709.15 per million.
    expect(cost({ inputTokens: 1, cacheWriteTokens: 287, cacheReadTokens: 30433, outputTokens: 100 }, sonnet)).toBeCloseTo(0.01170915, 12);
  });

  it('switches every rate once the whole prompt passes a threshold (strictly above)', () => {
    // Prompt 150000 + 60000 = 210000 > 200000: 150000 × $6 + 60000 × $0.60 + 1000 × $22.50 = $958500 per million.
    expect(cost({ inputTokens: 150_000, cacheReadTokens: 60_000, outputTokens: 1000 }, sonnet)).toBeCloseTo(0.9585, 10);
    // Exactly 200000 stays on the base rates: 200000 × $3 + 1000 × $15 = $615000 per million.
    expect(cost({ inputTokens: 200_000, outputTokens: 1000 }, sonnet)).toBeCloseTo(0.615, 10);
  });

  it('bills every token of a tiered model at the tier its prompt falls in', () => {
    const plus = lookupPrice(PRICE_BOOK, 'dashscope', 'qwen3-coder-plus')!;
    // 40000 prompt tokens → tier [32K, 128K): 40000 × $1.80 + 1000 × $9 = $81000 per million.
    expect(cost({ inputTokens: 40_000, outputTokens: 1000 }, plus)).toBeCloseTo(0.081, 10);
    // 20000 → first tier: 20000 × $1 + 1000 × $5 = $25000 per million.
    expect(cost({ inputTokens: 20_000, outputTokens: 1000 }, plus)).toBeCloseTo(0.025, 10);
  });

  it('uses a separate reasoning rate only when the price has one', () => {
    const price: ModelPrice = { input: 1, output: 10, reasoning: 20 };
    // 40 visible × $10 + 60 reasoning × $20 = $1600 per million.
    expect(cost({ inputTokens: 0, outputTokens: 100, reasoningTokens: 60 }, price)).toBeCloseTo(0.0016, 12);
    expect(cost({ inputTokens: 0, outputTokens: 100, reasoningTokens: 60 }, { input: 1, output: 10 })).toBeCloseTo(0.001, 12);
  });

  it('is unknown, never $0, when the price, a count, or a needed rate is missing', () => {
    expect(cost({ inputTokens: 10, outputTokens: 10 }, undefined)).toBeUndefined();
    expect(cost({ outputTokens: 10 }, sonnet)).toBeUndefined();
    expect(cost({ inputTokens: 10 }, sonnet)).toBeUndefined();
    // glm-4.5-air has no cached rate: a cache hit makes the cost unknown, no hit leaves it known.
    const air = lookupPrice(PRICE_BOOK, 'zai', 'glm-4.5-air')!;
    expect(cost({ inputTokens: 10, cacheReadTokens: 5, outputTokens: 10 }, air)).toBeUndefined();
    expect(cost({ inputTokens: 10, cacheReadTokens: 0, outputTokens: 10 }, air)).toBeCloseTo(0.000013, 12);
  });

  it('is a known $0 for free and local models', () => {
    expect(cost({ inputTokens: 100, outputTokens: 100 }, lookupPrice(PRICE_BOOK, 'zai', 'glm-4.7-flash'))).toBe(0);
    expect(cost({ inputTokens: 100, cacheReadTokens: 50, outputTokens: 100 }, lookupPrice(PRICE_BOOK, 'local', 'qwen3-coder:30b'))).toBe(0);
  });
});

describe('lookupPrice', () => {
  it('finds dated ids, any case, and nothing outside a namespace', () => {
    expect(lookupPrice(PRICE_BOOK, 'anthropic', 'claude-sonnet-4-5-20250929')).toBe(sonnet);
    expect(lookupPrice(PRICE_BOOK, 'openai', 'gpt-5-2025-08-07')).toBe(lookupPrice(PRICE_BOOK, 'openai', 'gpt-5'));
    expect(lookupPrice(PRICE_BOOK, 'minimax', 'minimax-m2')).toMatchObject({ input: 0.3, output: 1.2 });
    expect(lookupPrice(PRICE_BOOK, 'anthropic', 'claude-nonexistent')).toBeUndefined();
    expect(lookupPrice(PRICE_BOOK, undefined, 'gpt-5')).toBeUndefined();
  });

  it('dates and sources every entry', () => {
    for (const [key, price] of Object.entries(PRICE_BOOK)) {
      expect(price.asOf, key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(price.source, key).toBeTruthy();
      expect(price.input, key).toBeLessThan(100);
    }
  });
});
