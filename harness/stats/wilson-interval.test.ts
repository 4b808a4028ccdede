import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson-interval.ts';

describe('wilsonInterval', () => {
  // Newcombe, Statistics in Medicine 17:857–872 (1998), Table II, method 3 (score, no continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i gives Newcombe\'s published 95%% limits %f–%f', (k, n, lower, upper) => {
    const interval = wilsonInterval(k, n);
    expect(interval.lower).toBeCloseTo(lower, 4);
    expect(interval.upper).toBeCloseTo(upper, 4);
  });

  it('reaches exactly 0 and 1 at the ends and narrows with more trials', () => {
    expect(wilsonInterval(0, 5).lower).toBe(0);
    expect(wilsonInterval(5, 5).upper).toBe(1);
    const small = wilsonInterval(5, 10);
    const large = wilsonInterval(500, 1000);
    expect(large.upper - large.lower).toBeLessThan(small.upper - small.lower);
    expect(wilsonInterval(5, 10, 0.99).lower).toBeLessThan(small.lower);
  });

  it('is [0, 1], not NaN, with no trials', () => {
    expect(wilsonInterval(0, 0)).toEqual({ lower: 0, upper: 1 });
  });

  it('names a bad argument', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(/`successes`/);
    expect(() => wilsonInterval(1, -1)).toThrow(/`trials`/);
    expect(() => wilsonInterval(1, 2, 1)).toThrow(/`confidence`/);
  });
});
