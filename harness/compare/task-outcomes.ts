import type { SampleRecord } from '../core/run-spec.ts';
import type { TaskOutcome } from './model-summary.ts';

/** Per-task counts of one model's samples, sorted by task id (code-point order, not locale). */
export function taskOutcomes(records: readonly SampleRecord[]): TaskOutcome[] {
  const byTask = new Map<string, TaskOutcome>();
  for (const r of records) {
    let outcome = byTask.get(r.taskId);
    if (!outcome) {
      outcome = { taskId: r.taskId, n: 0, c: 0, repaired: 0 };
      byTask.set(r.taskId, outcome);
    }
    if (r.sampleIndex === 0) outcome.first = r.verdict;
    if (r.verdict === 'unscored') continue;
    outcome.n++;
    if (r.verdict === 'pass') outcome.c++;
    if (r.verdict === 'pass' || r.repair?.verdict === 'pass') outcome.repaired++;
  }
  return [...byTask.values()].sort((a, b) => compareIds(a.taskId, b.taskId));
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
