import { normalCdf } from './normal.ts';

export interface NonInferiorityResult {
  /** Observed difference (first − second) in pass rate over the pairs. */
  difference: number;
  /** The score statistic; large and positive means the first is no worse than the margin allows. */
  z: number;
  /** One-sided p-value for H0: difference ≤ −margin against H1: difference > −margin. */
  pValue: number;
}

/**
 * Tango's score test of non-inferiority for paired binary outcomes (T. Tango, "Equivalence test and
 * confidence interval for the difference in proportions for the paired-sample design", Statistics
 * in Medicine 17:891–908, 1998, with its closed-form restricted maximum-likelihood estimate). Liu, Hsueh, Hsieh
 * and Chen (Statistics in Medicine 21:231–245, 2002) found it keeps its level where the Wald test
 * does not, and it stays sensible with zero discordant pairs, where Wald's variance is 0.
 * With margin 0 it is the (uncorrected) McNemar z statistic (b − c)/√(b + c).
 *
 * @param b pairs where only the first passed
 * @param c pairs where only the second passed
 * @param n all pairs (concordant ones included)
 * @param margin how much worse the first may be and still count as non-inferior, from 0 to below 1
 * @returns `undefined` when there are no pairs (never NaN).
 */
export function pairedNonInferiority(b: number, c: number, n: number, margin: number): NonInferiorityResult | undefined {
  for (const [name, value] of [['b', b], ['c', c], ['n', n]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Expected \`${name}\` to be a non-negative integer, got ${String(value)}`);
  }
  if (b + c > n) throw new RangeError(`Expected \`b + c\` to be at most \`n\` (${n}), got ${b + c}`);
  if (!(margin >= 0 && margin < 1)) throw new RangeError(`Expected \`margin\` to be a number from 0 to below 1, got ${String(margin)}`);
  if (n === 0) return undefined;
  const theta0 = -margin;
  const A = 2 * n;
  const B = -b - c + (2 * n - b + c) * theta0;
  const C = -c * theta0 * (1 - theta0);
  const q = (Math.sqrt(Math.max(0, B * B - 4 * A * C)) - B) / (2 * A);
  const variance = n * (2 * q + theta0 * (1 - theta0));
  const numerator = b - c - n * theta0;
  const difference = (b - c) / n;
  if (variance <= 0) {
    // Only when margin = 0 and every pair agrees: no evidence either way.
    return { difference, z: 0, pValue: numerator > 0 ? 0 : 1 };
  }
  const z = numerator / Math.sqrt(variance);
  return { difference, z, pValue: 1 - normalCdf(z) };
}
