import type { MeasuringGrader } from './time-calibrator.ts';

/** A grader that grades each task with its own limit from `limits` (seconds by task id), where it has one. */
export function withTimeLimits(grader: MeasuringGrader, limits: ReadonlyMap<string, number>): MeasuringGrader {
  return {
    grade: (task, code, options = {}) => grader.grade(task, code, { ...options, timeoutSeconds: options.timeoutSeconds ?? limits.get(task.id) }),
  };
}
