/**
 * The p-quantile of numbers by linear interpolation between order statistics: definition 7 of
 * Hyndman and Fan, "Sample quantiles in statistical packages", The American Statistician
 * 50(4):361–365, 1996 (R's default and numpy's `linear`).
 *
 * @returns `undefined` for no values (never NaN).
 */
export function quantile(values: readonly number[], p: number): number | undefined {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`Expected \`p\` to be a number from 0 to 1, got ${String(p)}`);
  if (values.length === 0) return undefined;
  return sortedQuantile([...values].sort((a, b) => a - b), p);
}

/** As `quantile`, for values already sorted ascending (bootstraps call this thousands of times). */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (h - below) * (sorted[above]! - sorted[below]!);
}
