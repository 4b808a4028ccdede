import type { Task } from '../core/task.ts';
import type { TaskTimeLimit } from '../core/time-calibration.ts';
import { timeLimitFor, type TimeLimitPolicy } from '../core/time-limit-for.ts';
import type { Calibration } from './time-calibrator.ts';

/**
 * Each task's limit: from its calibration under `policy`, or `defaultSeconds` when it has none
 * (no reference, calibration off, or a reference that did not pass).
 */
export function taskTimeLimits(tasks: readonly Task[], calibrations: ReadonlyMap<string, Calibration>, policy: TimeLimitPolicy, defaultSeconds: number): TaskTimeLimit[] {
  if (!(defaultSeconds > 0)) throw new TypeError(`Expected \`defaultSeconds\` to be a number above 0, got ${defaultSeconds}`);
  return tasks.map((task) => {
    const calibration = calibrations.get(task.id);
    if (!calibration) return { taskId: task.id, limitSeconds: defaultSeconds, source: 'default' };
    return { taskId: task.id, limitSeconds: timeLimitFor(calibration.referenceSeconds, policy), referenceSeconds: calibration.referenceSeconds, source: 'calibrated' };
  });
}
