import { describe, expect, it } from 'vitest';
import { bootstrapMean, pairedBootstrapDifference } from './bootstrap.ts';
import { mulberry32 } from './rng.ts';

const values = Array.from({ length: 200 }, (_, i) => (i % 5 === 0 ? 0 : 1));

describe('bootstrapMean', () => {
  it('gives the same interval for the same seed, and another for another seed', () => {
    const a = bootstrapMean(values, mulberry32(42));
    const b = bootstrapMean(values, mulberry32(42));
    const c = bootstrapMean(values, mulberry32(43));
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });

  it('brackets the mean about as wide as the normal theory says', () => {
    const interval = bootstrapMean(values, mulberry32(1), { resamples: 4000 })!;
    // p = 0.8, n = 200: standard error 0.0283, so the 95% interval is about ±0.055.
    expect(interval.lower).toBeGreaterThan(0.8 - 0.065);
    expect(interval.lower).toBeLessThan(0.8 - 0.045);
    expect(interval.upper).toBeGreaterThan(0.8 + 0.045);
    expect(interval.upper).toBeLessThan(0.8 + 0.065);
  });

  it('is undefined, not NaN, for no values, and a point for constant values', () => {
    expect(bootstrapMean([], mulberry32(1))).toBeUndefined();
    expect(bootstrapMean([0.5, 0.5, 0.5], mulberry32(1))).toEqual({ lower: 0.5, upper: 0.5 });
  });

  it('names bad arguments', () => {
    expect(() => bootstrapMean([1, Number.NaN], mulberry32(1))).toThrow(/`values\[1\]`/);
    expect(() => bootstrapMean([1], mulberry32(1), { resamples: 0 })).toThrow(/`resamples`/);
  });
});

describe('pairedBootstrapDifference', () => {
  it('cancels what the pair shares: a constant gap gives a point interval', () => {
    const a = values.map((v) => v * 0.9);
    const b = a.map((v) => v - 0.1);
    const interval = pairedBootstrapDifference(a, b, mulberry32(7))!;
    expect(interval.lower).toBeCloseTo(0.1, 12);
    expect(interval.upper).toBeCloseTo(0.1, 12);
  });

  it('is reproducible under a seed and rejects unequal lengths', () => {
    const b = values.map((v, i) => (i % 7 === 0 ? 1 - v : v));
    expect(pairedBootstrapDifference(values, b, mulberry32(3))).toEqual(pairedBootstrapDifference(values, b, mulberry32(3)));
    expect(() => pairedBootstrapDifference([1], [1, 2], mulberry32(1))).toThrow(/same length/);
  });
});
