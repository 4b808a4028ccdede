import { describe, expect, it } from 'vitest';
import { quantile } from './quantile.ts';

describe('quantile (Hyndman–Fan type 7)', () => {
  it('interpolates between order statistics like R\'s quantile()', () => {
    // R: quantile(c(1, 2, 3, 4, 10), c(0.5, 0.95)) gives 3 and 8.8.
    expect(quantile([10, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(quantile([10, 1, 3, 2, 4], 0.95)).toBeCloseTo(8.8, 12);
    expect(quantile([7], 0.95)).toBe(7);
    expect(quantile([1, 2], 0)).toBe(1);
    expect(quantile([1, 2], 1)).toBe(2);
  });

  it('is undefined for no values and names a bad p', () => {
    expect(quantile([], 0.5)).toBeUndefined();
    expect(() => quantile([1], 1.5)).toThrow(/`p`/);
  });
});
