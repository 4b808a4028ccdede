import type { Task } from '../core/task.ts';
import type { CalibrationOutcome, TimeCalibrator } from './time-calibrator.ts';

/**
 * Calibrates every task that has a reference, `concurrency` at a time (the sandbox's slots pace
 * the runs); cached timings cost nothing. Tasks without a reference are left out of the map.
 */
export async function calibrateTasks(
  calibrator: TimeCalibrator,
  tasks: readonly Task[],
  options: { concurrency: number; signal?: AbortSignal; onOutcome?: (task: Task, outcome: CalibrationOutcome) => void },
): Promise<Map<string, CalibrationOutcome>> {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
    throw new TypeError(`Expected \`concurrency\` to be an integer from 1 up, got ${options.concurrency}`);
  }
  const outcomes = new Map<string, CalibrationOutcome>();
  const todo = tasks.filter((t) => t.reference !== undefined);
  let next = 0;
  const worker = async () => {
    while (next < todo.length && !options.signal?.aborted) {
      const task = todo[next++]!;
      const outcome = await calibrator.calibrate(task, { signal: options.signal });
      outcomes.set(task.id, outcome);
      options.onOutcome?.(task, outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, todo.length) }, worker));
  return outcomes;
}
