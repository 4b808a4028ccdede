import type { ModelConfig, RunSpec } from '../core/run-spec.ts';
import type { Task } from '../core/task.ts';
import type { TaskTimeLimit } from '../core/time-calibration.ts';
import type { MeasuringGrader } from '../grader/time-calibrator.ts';
import { withTimeLimits } from '../grader/with-time-limits.ts';
import { shardOf, type Shard } from '../runner/plan.ts';
import type { Sandbox } from '../sandbox/sandbox.ts';
import type { Store } from '../store/store.ts';
import type { CliIO } from './main.ts';
import { calibrateLimits, formatCalibrationSummary, openCalibrator } from './time-limits.ts';

export interface RunTimeLimits {
  /** Grades each task with its own limit. */
  grader: MeasuringGrader;
  /** What to record with the run when it starts. */
  limits: TaskTimeLimit[];
}

/**
 * The limit each task of a run gets. Without `spec.timeLimits` every task gets `timeoutSeconds`.
 * With it, a resumed run keeps the limits it recorded, and tasks without one are calibrated now
 * (cached timings cost nothing; only this shard's tasks). A task whose reference cannot be
 * timed gets `timeoutSeconds`.
 */
export async function runTimeLimits(
  grader: MeasuringGrader & { mode: Sandbox['mode']; slots: number },
  context: { spec: RunSpec; tasks: readonly Task[]; store: Store; resumeRunId?: string; shard?: Shard; signal?: AbortSignal; io: CliIO },
): Promise<RunTimeLimits> {
  const { spec, store, io } = context;
  const defaultSeconds = spec.timeoutSeconds!;
  const tasks = context.tasks.filter((t) => inShard(t, spec.models, context.shard));
  if (!spec.timeLimits) return { grader, limits: tasks.map((t) => ({ taskId: t.id, limitSeconds: defaultSeconds, source: 'default' })) };
  const recorded = context.resumeRunId ? store.listTimeLimits(context.resumeRunId) : [];
  const known = new Set(recorded.map((l) => l.taskId));
  const pending = tasks.filter((t) => !known.has(t.id));
  let limits = recorded;
  if (pending.length > 0) {
    const calibrator = openCalibrator(grader, grader.mode, store);
    const toMeasure = pending.filter((t) => t.reference !== undefined && !calibrator.cached(t)).length;
    if (toMeasure > 0) io.stderr(`codebench: timing ${toMeasure} reference solution(s) on this machine to set their time limits (once; cached in ${store.path})\n`);
    const report = await calibrateLimits(pending, { calibrator, policy: spec.timeLimits, defaultSeconds, concurrency: grader.slots * 2, signal: context.signal });
    io.stderr(formatCalibrationSummary(report, defaultSeconds).split('\n').filter((l) => l !== '').map((l) => `codebench: ${l}\n`).join(''));
    // Tasks left when Ctrl-C stopped calibrating get no record, so a resumed run calibrates them.
    const decided = new Set([...report.calibrations.keys(), ...report.failures.map((f) => f.taskId)]);
    const skipped = new Set(context.signal?.aborted ? pending.filter((t) => t.reference !== undefined && !decided.has(t.id)).map((t) => t.id) : []);
    limits = [...recorded, ...report.limits.filter((l) => !skipped.has(l.taskId))];
  }
  return { grader: withTimeLimits(grader, new Map(limits.map((l) => [l.taskId, l.limitSeconds]))), limits };
}

function inShard(task: Task, models: readonly ModelConfig[], shard: Shard | undefined): boolean {
  return !shard || models.some((m) => shardOf(task.id, m.configId, shard.count) === shard.index);
}
