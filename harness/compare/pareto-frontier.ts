export interface CostQualityPoint {
  id: string;
  /** Lower is better; `undefined` (unknown) keeps a point off the frontier. */
  cost?: number;
  /** Higher is better; `undefined` keeps a point off the frontier. */
  quality?: number;
}

/**
 * Ids of the points no other point dominates: nothing is at most as costly and at least as good,
 * and strictly better in one of the two. Two identical points are both on the frontier.
 * Returned in order of rising cost (then id), which is how the frontier is drawn.
 */
export function paretoFrontier(points: readonly CostQualityPoint[]): string[] {
  const known = points.filter((p): p is Required<CostQualityPoint> => p.cost !== undefined && p.quality !== undefined);
  const dominated = (p: Required<CostQualityPoint>) =>
    known.some((q) => q.cost <= p.cost && q.quality >= p.quality && (q.cost < p.cost || q.quality > p.quality));
  return known
    .filter((p) => !dominated(p))
    .sort((a, b) => a.cost - b.cost || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((p) => p.id);
}
