import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_LIMIT_POLICY, timeLimitFor } from './time-limit-for.ts';

const policy = { floorSeconds: 1, factor: 4, ceilingSeconds: 20 };

describe('timeLimitFor', () => {
  it('is the floor for fast references, factor × reference above it, and the ceiling at most', () => {
    expect(timeLimitFor(0, policy)).toBe(1);
    expect(timeLimitFor(0.1, policy)).toBe(1);
    expect(timeLimitFor(0.25, policy)).toBe(1);
    expect(timeLimitFor(0.3, policy)).toBeCloseTo(1.2, 12);
    expect(timeLimitFor(2, policy)).toBe(8);
    expect(timeLimitFor(5, policy)).toBe(20);
    expect(timeLimitFor(500, policy)).toBe(20);
  });

  it('uses EvalPlus defaults: 4 s floor, factor 4, 60 s cap', () => {
    expect(DEFAULT_TIME_LIMIT_POLICY).toEqual({ floorSeconds: 4, factor: 4, ceilingSeconds: 60 });
    expect(timeLimitFor(0.05, DEFAULT_TIME_LIMIT_POLICY)).toBe(4);
    expect(timeLimitFor(3, DEFAULT_TIME_LIMIT_POLICY)).toBe(12);
  });

  it('allows floor equal to ceiling: a fixed limit', () => {
    expect(timeLimitFor(100, { floorSeconds: 5, factor: 1, ceilingSeconds: 5 })).toBe(5);
  });

  it('names the bad argument', () => {
    expect(() => timeLimitFor(-1, policy)).toThrow(/`referenceSeconds`.*-1/);
    expect(() => timeLimitFor(Number.NaN, policy)).toThrow(/`referenceSeconds`/);
    expect(() => timeLimitFor(Number.POSITIVE_INFINITY, policy)).toThrow(/`referenceSeconds`/);
    expect(() => timeLimitFor('1' as unknown as number, policy)).toThrow(/`referenceSeconds`/);
    expect(() => timeLimitFor(1, { ...policy, floorSeconds: 0 })).toThrow(/`floorSeconds`.*0/);
    expect(() => timeLimitFor(1, { ...policy, factor: 0.5 })).toThrow(/`factor`.*0\.5/);
    expect(() => timeLimitFor(1, { ...policy, ceilingSeconds: 0.5 })).toThrow(/`ceilingSeconds`.*0\.5/);
  });
});
