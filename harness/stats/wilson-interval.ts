import { normalQuantile } from './normal.ts';

export interface Interval {
  lower: number;
  upper: number;
}

/**
 * The Wilson score interval for a binomial proportion (E. B. Wilson, "Probable inference, the law
 * of succession, and statistical inference", JASA 22:209–212, 1927), without continuity correction:
 * method 3 of Newcombe, "Two-sided confidence intervals for the single proportion: comparison of
 * seven methods", Statistics in Medicine 17:857–872, 1998. Unlike the Wald interval it stays inside
 * [0, 1] and does not collapse to a point at 0 or n successes.
 *
 * @returns `[0, 1]` when there are no trials: nothing is known, and that is not NaN.
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): Interval {
  if (!Number.isSafeInteger(trials) || trials < 0) throw new RangeError(`Expected \`trials\` to be a non-negative integer, got ${String(trials)}`);
  if (!Number.isSafeInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`Expected \`successes\` to be an integer from 0 to trials (${trials}), got ${String(successes)}`);
  }
  checkConfidence(confidence);
  if (trials === 0) return { lower: 0, upper: 1 };
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / trials;
  const z2 = z * z;
  const centre = p + z2 / (2 * trials);
  const spread = z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  const denominator = 1 + z2 / trials;
  // At 0 or n successes the bound is exactly 0 or 1; rounding would otherwise leave 1e-17.
  return {
    lower: successes === 0 ? 0 : Math.max(0, (centre - spread) / denominator),
    upper: successes === trials ? 1 : Math.min(1, (centre + spread) / denominator),
  };
}

export function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`Expected \`confidence\` to be a number strictly between 0 and 1, got ${String(confidence)}`);
  }
}
