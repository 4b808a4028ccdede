import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from './normal.ts';

describe('normal distribution', () => {
  it('matches tabulated quantiles to 14 places', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.8)).toBeCloseTo(0.841621233572914, 14);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 14);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 10);
  });

  it('inverts the CDF', () => {
    for (const p of [0.001, 0.05, 0.3, 0.7, 0.95, 0.999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 6);
    expect(normalCdf(-40)).toBeGreaterThanOrEqual(0);
    expect(normalCdf(40)).toBeLessThanOrEqual(1);
  });

  it('names a bad probability', () => {
    expect(() => normalQuantile(1)).toThrow(/`p`/);
    expect(() => normalQuantile(0)).toThrow(/`p`/);
    expect(() => normalCdf(Number.NaN)).toThrow(/`x`/);
  });
});
