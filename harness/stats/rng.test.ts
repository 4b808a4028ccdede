import { describe, expect, it } from 'vitest';
import { mulberry32, randomIndex } from './rng.ts';

describe('mulberry32', () => {
  it('repeats its stream for a seed and stays in [0, 1)', () => {
    const a = mulberry32(2024);
    const b = mulberry32(2024);
    const draws = Array.from({ length: 10_000 }, () => a());
    expect(draws).toEqual(Array.from({ length: 10_000 }, () => b()));
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
  });

  it('spreads indices evenly', () => {
    const rng = mulberry32(9);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[randomIndex(rng, 4)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });

  it('rejects a seed that is not a number', () => {
    expect(() => mulberry32(Number.NaN)).toThrow(/`seed`/);
  });
});
