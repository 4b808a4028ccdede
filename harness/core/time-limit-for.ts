/** How a task's time limit follows from its reference solution's measured time. */
export interface TimeLimitPolicy {
  /** No calibrated limit is below this, however fast the reference. */
  floorSeconds: number;
  /** Multiple of the reference time a candidate may take. */
  factor: number;
  /** No calibrated limit is above this, however slow the reference. */
  ceilingSeconds: number;
}

/**
 * EvalPlus's defaults (`evalplus/config.py`: `DEFAULT_MIN_TIME_LIMIT = 4.0`,
 * `DEFAULT_GT_TIME_LIMIT_FACTOR = 4.0`), and its 60 s cap on one sample (`EVALPLUS_TIMEOUT_PER_TASK`).
 */
export const DEFAULT_TIME_LIMIT_POLICY: TimeLimitPolicy = { floorSeconds: 4, factor: 4, ceilingSeconds: 60 };

/**
 * `min(ceiling, max(floor, factor × reference))`: EvalPlus's `max(min_time_limit,
 * gt_time_limit_factor × gt_time)`, capped so one pathological reference cannot stall a run.
 */
export function timeLimitFor(referenceSeconds: number, policy: TimeLimitPolicy): number {
  if (typeof referenceSeconds !== 'number' || !Number.isFinite(referenceSeconds) || referenceSeconds < 0) {
    throw new TypeError(`Expected \`referenceSeconds\` to be a finite number from 0 up, got ${referenceSeconds}`);
  }
  const { floorSeconds, factor, ceilingSeconds } = policy;
  if (typeof floorSeconds !== 'number' || !Number.isFinite(floorSeconds) || floorSeconds <= 0) {
    throw new TypeError(`Expected \`floorSeconds\` to be a finite number above 0, got ${floorSeconds}`);
  }
  if (typeof factor !== 'number' || !Number.isFinite(factor) || factor < 1) {
    throw new TypeError(`Expected \`factor\` to be a finite number from 1 up, got ${factor}`);
  }
  if (typeof ceilingSeconds !== 'number' || !Number.isFinite(ceilingSeconds) || ceilingSeconds < floorSeconds) {
    throw new TypeError(`Expected \`ceilingSeconds\` to be a finite number from \`floorSeconds\` (${floorSeconds}) up, got ${ceilingSeconds}`);
  }
  return Math.min(ceilingSeconds, Math.max(floorSeconds, factor * referenceSeconds));
}
