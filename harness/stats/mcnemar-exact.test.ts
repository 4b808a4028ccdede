import { describe, expect, it } from 'vitest';
import { binomialCdfHalf, mcnemarExact } from './mcnemar-exact.ts';

describe('mcnemarExact', () => {
  it('gives the worked example of Fagerland, Lydersen and Laake: p = 0.070', () => {
    // Airway hyper-responsiveness before and after stem cell transplantation in 21 children
    // (BMC Med Res Methodol 13:91, 2013, Table 1; also their textbook "Statistical Analysis of
    // Contingency Tables", CRC 2017, ch. 8): discordant pairs 1 and 7, and the exact conditional
    // p-value they report is 0.070 = 2 × P(Bin(8, ½) ≤ 1) = 18/256.
    expect(mcnemarExact(1, 7)).toBe(18 / 256);
    expect(mcnemarExact(1, 7).toFixed(3)).toBe('0.070');
    expect(mcnemarExact(7, 1)).toBe(mcnemarExact(1, 7));
  });

  it('agrees with Agresti\'s textbook example that 86 against 150 discordant pairs is far from chance', () => {
    // Agresti, "Categorical Data Analysis", 3rd ed. (2013), Table 11.1 (presidential approval):
    // z = −4.17, P < 0.0001 by the large-sample test; the exact test agrees.
    expect(mcnemarExact(86, 150)).toBeLessThan(0.0001);
    expect(mcnemarExact(86, 150)).toBeGreaterThan(0.00001);
  });

  it('is 1 with no discordant pairs or a tie, and tiny for a lopsided split', () => {
    expect(mcnemarExact(0, 0)).toBe(1);
    expect(mcnemarExact(6, 6)).toBe(1);
    expect(mcnemarExact(0, 1)).toBe(1);
    expect(mcnemarExact(0, 16)).toBeCloseTo(2 / 2 ** 16, 15);
  });

  it('stays finite and in [0, 1] for thousands of discordant pairs', () => {
    const p = mcnemarExact(1400, 1600);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(0.001);
    expect(binomialCdfHalf(2000, 4000)).toBeGreaterThan(0.5);
    expect(binomialCdfHalf(2000, 4000)).toBeLessThan(0.52);
  });

  it('names a bad count', () => {
    expect(() => mcnemarExact(-1, 2)).toThrow(/`b`/);
    expect(() => mcnemarExact(1, 2.5)).toThrow(/`c`/);
  });
});
