/**
 * The unbiased pass@k estimator of Chen et al. 2021, "Evaluating Large Language Models Trained
 * on Code" (the Codex paper, arXiv:2107.03374, section 2.1): the probability that at least one of
 * k samples drawn without replacement from n generated samples, c of them correct, passes.
 *
 *   pass@k = 1 - C(n - c, k) / C(n, k)
 *
 * Computed in the paper's numerically stable product form `1 - prod_{i=n-c+1}^{n} (1 - k/i)`,
 * which never forms the huge binomials. When fewer than k samples fail (n - c < k) every draw
 * of k contains a correct one, so the result is exactly 1.
 *
 * @param n samples generated for the task (a positive integer)
 * @param c samples that passed (an integer from 0 to n)
 * @param k samples drawn (an integer from 1 to n)
 * @throws RangeError naming the bad parameter.
 */
export function passAtK(n: number, c: number, k: number): number {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`Expected \`n\` to be a positive integer, got ${String(n)}`);
  if (!Number.isSafeInteger(c) || c < 0 || c > n) {
    throw new RangeError(`Expected \`c\` to be an integer from 0 to n (n = ${n}), got ${String(c)}`);
  }
  if (!Number.isSafeInteger(k) || k < 1 || k > n) {
    throw new RangeError(`Expected \`k\` to be an integer from 1 to n (n = ${n}), got ${String(k)}`);
  }
  if (n - c < k) return 1;
  // For k = 1 the estimator is exactly c/n; the product form would round 3/6 to 0.4999999999999999.
  if (k === 1) return c / n;
  let allFail = 1;
  for (let i = n - c + 1; i <= n; i++) allFail *= 1 - k / i;
  return 1 - allFail;
}

/**
 * Mean pass@k over tasks, each given as its sample count `n` and pass count `c`.
 *
 * Tasks with fewer than k samples (including tasks with none) cannot estimate pass@k and are left
 * out of the mean. This differs from OpenAI's human-eval, which reports a k only when every task
 * has n >= k; callers that want that rule can compare how many tasks they passed in.
 *
 * @returns the mean, or `undefined` when no task has at least k samples (never NaN).
 * @throws RangeError when k or any count is malformed.
 */
export function meanPassAtK(counts: readonly { n: number; c: number }[], k: number): number | undefined {
  if (!Number.isSafeInteger(k) || k < 1) throw new RangeError(`Expected \`k\` to be a positive integer, got ${String(k)}`);
  let sum = 0;
  let used = 0;
  counts.forEach(({ n, c }, index) => {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new RangeError(`Expected \`counts[${index}].n\` to be a non-negative integer, got ${String(n)}`);
    }
    if (!Number.isSafeInteger(c) || c < 0 || c > n) {
      throw new RangeError(`Expected \`counts[${index}].c\` to be an integer from 0 to n (n = ${n}), got ${String(c)}`);
    }
    if (n < k) return;
    sum += passAtK(n, c, k);
    used++;
  });
  return used === 0 ? undefined : sum / used;
}
