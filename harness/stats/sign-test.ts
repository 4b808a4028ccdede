import { mcnemarExact } from './mcnemar-exact.ts';

export interface SignTestResult {
  /** Pairs whose difference is above 0. */
  positive: number;
  /** Pairs whose difference is below 0. */
  negative: number;
  /** Two-sided exact p-value; 1 when every difference is 0. */
  pValue: number;
}

/**
 * The exact two-sided sign test on paired differences (Dixon and Mood, "The statistical sign
 * test", JASA 41:557–566, 1946): zero differences are dropped, and under the null the positive ones
 * are Binomial(m, 1/2). On 0/1 outcomes it is McNemar's exact test, which is how it is computed.
 * It uses only signs, so it suits per-task pass rates whose spread is unknown.
 */
export function signTest(differences: readonly number[]): SignTestResult {
  let positive = 0;
  let negative = 0;
  differences.forEach((d, i) => {
    if (!Number.isFinite(d)) throw new RangeError(`Expected \`differences[${i}]\` to be a finite number, got ${String(d)}`);
    if (d > 0) positive++;
    else if (d < 0) negative++;
  });
  return { positive, negative, pValue: mcnemarExact(positive, negative) };
}
