import { describe, expect, it } from 'vitest';
import { meanPassAtK, passAtK } from './pass-at-k.ts';

function binomial(n: bigint, k: bigint): bigint {
  let result = 1n;
  for (let i = 1n; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

/** 1 - C(n-c, k) / C(n, k), exactly in BigInt, then to 20 decimal places. */
function directPassAtK(n: number, c: number, k: number): number {
  const scale = 10n ** 20n;
  const ratio = (binomial(BigInt(n - c), BigInt(k)) * scale) / binomial(BigInt(n), BigInt(k));
  return 1 - Number(ratio) / 1e20;
}

describe('passAtK', () => {
  it('matches known values', () => {
    expect(passAtK(10, 3, 1)).toBeCloseTo(0.3, 15);
    expect(passAtK(5, 0, 1)).toBe(0);
    expect(passAtK(5, 0, 5)).toBe(0);
    expect(passAtK(5, 5, 1)).toBe(1);
    expect(passAtK(5, 5, 5)).toBe(1);
    expect(passAtK(1, 1, 1)).toBe(1);
    expect(passAtK(1, 0, 1)).toBe(0);
    // 1 - C(2,2)/C(4,2) = 1 - 1/6
    expect(passAtK(4, 2, 2)).toBeCloseTo(5 / 6, 15);
  });

  it('is c/n at k = 1', () => {
    for (const [n, c] of [[7, 2], [200, 37], [100, 99]] as const) expect(passAtK(n, c, 1)).toBeCloseTo(c / n, 14);
  });

  it('is exactly 1 when fewer than k samples fail', () => {
    expect(passAtK(10, 8, 3)).toBe(1);
    expect(passAtK(200, 191, 10)).toBe(1);
    // n - c = k: one draw of k in C(n, k) misses every correct sample.
    expect(passAtK(20, 10, 10)).toBeCloseTo(1 - 1 / 184_756, 15);
    expect(passAtK(20, 10, 10)).toBeLessThan(1);
  });

  it('agrees with the direct binomial formula', () => {
    expect(passAtK(200, 50, 10)).toBeCloseTo(directPassAtK(200, 50, 10), 13);
    for (const [n, c, k] of [[200, 1, 100], [200, 13, 50], [100, 40, 7], [20, 19, 1], [1000, 3, 100]] as const) {
      expect(passAtK(n, c, k), `${n},${c},${k}`).toBeCloseTo(directPassAtK(n, c, k), 12);
    }
  });

  it('rises with k and with c, staying within [0, 1]', () => {
    for (const c of [0, 1, 5, 30, 60]) {
      let previous = -1;
      for (let k = 1; k <= 60; k++) {
        const value = passAtK(60, c, k);
        expect(value).toBeGreaterThanOrEqual(previous);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
        previous = value;
      }
    }
    for (let c = 1; c <= 60; c++) expect(passAtK(60, c, 5)).toBeGreaterThanOrEqual(passAtK(60, c - 1, 5));
  });

  it('satisfies the symmetry C(n-c, k)/C(n, k) = C(n-k, c)/C(n, c)', () => {
    // 1 - pass@k = C(n-c, k)/C(n, k); with m = n - c, C(m, k)/C(n, k) = C(n-k, c)/C(n, c).
    const n = 30;
    for (const [c, k] of [[4, 6], [10, 3], [1, 20]] as const) {
      const viaC = Number(binomial(BigInt(n - k), BigInt(c))) / Number(binomial(BigInt(n), BigInt(c)));
      expect(1 - passAtK(n, c, k)).toBeCloseTo(viaC, 13);
    }
  });

  it('rejects bad arguments, naming the parameter', () => {
    expect(() => passAtK(0, 0, 1)).toThrow(/^Expected `n` to be a positive integer/);
    expect(() => passAtK(2.5, 1, 1)).toThrow(/`n`/);
    expect(() => passAtK(Number.NaN, 1, 1)).toThrow(/`n`/);
    expect(() => passAtK(5, 6, 1)).toThrow(/^Expected `c` to be an integer from 0 to n/);
    expect(() => passAtK(5, -1, 1)).toThrow(/`c`/);
    expect(() => passAtK(5, 1.5, 1)).toThrow(/`c`/);
    expect(() => passAtK(5, 1, 0)).toThrow(/^Expected `k` to be an integer from 1 to n/);
    expect(() => passAtK(5, 1, 6)).toThrow(/^Expected `k` to be an integer from 1 to n \(n = 5\), got 6$/);
    expect(() => passAtK(5, 1, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('meanPassAtK', () => {
  it('averages pass@k over tasks', () => {
    expect(meanPassAtK([{ n: 10, c: 3 }, { n: 10, c: 0 }, { n: 4, c: 4 }], 1)).toBeCloseTo((0.3 + 0 + 1) / 3, 15);
    expect(meanPassAtK([{ n: 4, c: 2 }], 2)).toBeCloseTo(5 / 6, 15);
  });

  it('leaves out tasks with fewer than k samples', () => {
    expect(meanPassAtK([{ n: 10, c: 5 }, { n: 2, c: 2 }, { n: 0, c: 0 }], 5)).toBeCloseTo(passAtK(10, 5, 5), 15);
  });

  it('is undefined, not NaN, when no task qualifies', () => {
    expect(meanPassAtK([], 1)).toBeUndefined();
    expect(meanPassAtK([{ n: 3, c: 1 }], 10)).toBeUndefined();
  });

  it('rejects bad k and bad counts, naming them', () => {
    expect(() => meanPassAtK([{ n: 1, c: 1 }], 0)).toThrow(/^Expected `k` to be a positive integer/);
    expect(() => meanPassAtK([{ n: 1, c: 1 }, { n: 2, c: 3 }], 1)).toThrow(/^Expected `counts\[1\]\.c` to be an integer from 0 to n/);
    expect(() => meanPassAtK([{ n: -1, c: 0 }], 1)).toThrow(/^Expected `counts\[0\]\.n` to be a non-negative integer/);
    // A bad count is reported even when that task would be left out for having n < k.
    expect(() => meanPassAtK([{ n: 1, c: 2 }], 5)).toThrow(/`counts\[0\]\.c`/);
  });
});

describe('passAtK at k = 1', () => {
  it('is exactly c/n, so human-eval\'s example scores 0.5 and not 0.4999999999999999', () => {
    expect(passAtK(6, 3, 1)).toBe(0.5);
    expect(passAtK(7, 3, 1)).toBe(3 / 7);
  });
});
