import { InputError } from '../core/errors.ts';
import type { Task } from '../core/task.ts';
import { isIsoDate } from './task-file-schema.ts';

/**
 * The tasks created or released on or after `date` (YYYY-MM-DD), for scoring models only on
 * problems newer than their training data. A task without a date is left out: it cannot be shown
 * to be fresh.
 */
export function filterSince(tasks: readonly Task[], date: string): Task[] {
  if (!isIsoDate(date)) throw new InputError(`--since ${date}: expected a date written as YYYY-MM-DD`);
  // ISO dates compare correctly as strings; `created` may carry a time after the date.
  return tasks.filter((task) => task.created !== undefined && task.created.slice(0, 10) >= date);
}
