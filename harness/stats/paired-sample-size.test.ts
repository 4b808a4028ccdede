import { describe, expect, it } from 'vitest';
import { pairedSampleSize } from './paired-sample-size.ts';

describe('pairedSampleSize', () => {
  it('matches the hand computation (1.959964 + 0.841621)² σ² / δ²', () => {
    // σ = 0.3, δ = 0.05 → (2.801585 × 0.3 / 0.05)² = 282.56 → 283 tasks.
    expect(pairedSampleSize({ difference: 0.05, sd: 0.3, margin: 0 })).toBe(283);
    expect(pairedSampleSize({ difference: -0.05, sd: 0.3, margin: 0 })).toBe(283);
    // Non-inferiority at margin 0.05 with an observed −0.01: distance 0.04 → 441.4 → 442.
    expect(pairedSampleSize({ difference: -0.01, sd: 0.3, margin: 0.05 })).toBe(442);
  });

  it('is undefined when no number of tasks would decide', () => {
    expect(pairedSampleSize({ difference: 0, sd: 0.3, margin: 0 })).toBeUndefined();
    expect(pairedSampleSize({ difference: -0.05, sd: 0.3, margin: 0.05 })).toBeUndefined();
    expect(pairedSampleSize({ difference: 0.02, sd: 0, margin: 0 })).toBeUndefined();
  });

  it('names bad arguments', () => {
    expect(() => pairedSampleSize({ difference: 0.1, sd: -1, margin: 0 })).toThrow(/`sd`/);
    expect(() => pairedSampleSize({ difference: 0.1, sd: 1, margin: 0, power: 1 })).toThrow(/`power`/);
  });
});
