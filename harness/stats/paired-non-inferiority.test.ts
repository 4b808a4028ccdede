import { describe, expect, it } from 'vitest';
import { pairedNonInferiority } from './paired-non-inferiority.ts';

/** Maximises the paired multinomial likelihood under difference = theta0 by golden-section search. */
function restrictedQ(b: number, c: number, n: number, theta0: number): number {
  const logLik = (q: number) => b * Math.log(q + theta0) + c * Math.log(q) + (n - b - c) * Math.log(1 - 2 * q - theta0);
  let lo = Math.max(0, -theta0) + 1e-12;
  let hi = (1 - theta0) / 2 - 1e-12;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 200; i++) {
    const m1 = hi - g * (hi - lo);
    const m2 = lo + g * (hi - lo);
    if (logLik(m1) < logLik(m2)) lo = m1;
    else hi = m2;
  }
  return (lo + hi) / 2;
}

describe('pairedNonInferiority (Tango 1998)', () => {
  it('with margin 0 is McNemar\'s z: Agresti\'s presidential-approval example gives z = −4.17', () => {
    // Agresti, Categorical Data Analysis, 3rd ed. (2013), Table 11.1: 1,600 people, 150 approve→disapprove, 86 disapprove→approve.
    const result = pairedNonInferiority(86, 150, 1600, 0)!;
    expect(result.z).toBeCloseTo(-4.17, 2);
    expect(result.difference).toBeCloseTo(-0.04, 12);
  });

  it('uses the restricted maximum-likelihood estimate (checked by direct maximisation)', () => {
    for (const [b, c, n, margin] of [[4, 6, 200, 0.05], [10, 3, 50, 0.1], [0, 5, 40, 0.05]] as const) {
      const q = restrictedQ(b, c, n, -margin);
      const z = (b - c + n * margin) / Math.sqrt(n * (2 * q - margin * (1 + margin)));
      expect(pairedNonInferiority(b, c, n, margin)!.z, `${b},${c},${n}`).toBeCloseTo(z, 5);
    }
  });

  it('needs more agreeing tasks before it declares non-inferiority, unlike the Wald test', () => {
    // No discordant pairs: Wald's variance is 0; the score test still asks for enough tasks.
    expect(pairedNonInferiority(0, 0, 5, 0.05)!.pValue).toBeGreaterThan(0.2);
    expect(pairedNonInferiority(0, 0, 200, 0.05)!.pValue).toBeLessThan(0.001);
    expect(pairedNonInferiority(4, 6, 200, 0.05)!.pValue).toBeLessThan(0.025);
    expect(pairedNonInferiority(0, 16, 200, 0.05)!.pValue).toBeGreaterThan(0.5);
  });

  it('is undefined with no pairs and names bad arguments', () => {
    expect(pairedNonInferiority(0, 0, 0, 0.05)).toBeUndefined();
    expect(pairedNonInferiority(0, 0, 10, 0)).toEqual({ difference: 0, z: 0, pValue: 1 });
    expect(() => pairedNonInferiority(5, 6, 10, 0.05)).toThrow(/`b \+ c`/);
    expect(() => pairedNonInferiority(1, 1, 10, -0.1)).toThrow(/`margin`/);
  });
});
