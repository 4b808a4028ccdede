/**
 * McNemar's exact conditional test for paired binary outcomes (McNemar, Psychometrika 12:153–157,
 * 1947; exact form as in Fagerland, Lydersen and Laake, "The McNemar test for binary matched-pairs
 * data: mid-p and asymptotic are better than exact conditional", BMC Medical Research Methodology
 * 13:91, 2013). Only the discordant pairs carry information: given b + c of them, b is
 * Binomial(b + c, 1/2) under the null of equal marginal rates, and the two-sided p-value is twice
 * the smaller tail, capped at 1.
 *
 * @param b pairs where only the first model passed
 * @param c pairs where only the second model passed
 * @returns the two-sided p-value; 1 when there are no discordant pairs.
 */
export function mcnemarExact(b: number, c: number): number {
  for (const [name, value] of [['b', b], ['c', c]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Expected \`${name}\` to be a non-negative integer, got ${String(value)}`);
  }
  const n = b + c;
  if (n === 0 || b === c) return 1;
  return Math.min(1, 2 * binomialCdfHalf(Math.min(b, c), n));
}

/** P(X ≤ k) for X ~ Binomial(n, 1/2), summed in log space so that n in the thousands stays finite. */
export function binomialCdfHalf(k: number, n: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  const logHalfN = -n * Math.LN2;
  let logTerm = logHalfN; // log C(n, 0) / 2^n
  let sum = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log((n - i + 1) / i);
    sum += Math.exp(logTerm);
  }
  return Math.min(1, sum);
}
