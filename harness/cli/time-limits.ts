import type { Argv } from 'yargs';
import { InputError } from '../core/errors.ts';
import type { Task } from '../core/task.ts';
import type { TaskTimeLimit } from '../core/time-calibration.ts';
import { DEFAULT_TIME_LIMIT_POLICY, type TimeLimitPolicy } from '../core/time-limit-for.ts';
import { calibrateTasks } from '../grader/calibrate-tasks.ts';
import { taskTimeLimits } from '../grader/task-time-limits.ts';
import { TimeCalibrator, type Calibration, type CalibrationOutcome, type MeasuringGrader } from '../grader/time-calibrator.ts';
import { hostFingerprint } from '../sandbox/host-fingerprint.ts';
import type { Sandbox } from '../sandbox/sandbox.ts';
import { toolchainFingerprint } from '../sandbox/toolchain-fingerprint.ts';
import type { Store } from '../store/store.ts';
import { positiveNumber } from './check-flags.ts';

/** The limit of a task without a calibrated one (no reference, or `--no-calibrate`). */
export const DEFAULT_TIMEOUT_SECONDS = 10;

export interface TimeLimitArgs {
  timeout?: number;
  calibrate: boolean;
  'time-floor'?: number;
  'time-factor'?: number;
}

/** `--timeout`, `--calibrate` and the policy flags, shared by `run` and `tasks`. */
export function timeLimitFlags<T>(y: Argv<T>, what: string) {
  return y
    .option('timeout', { type: 'number', describe: `CPU seconds per ${what} for a task without a calibrated limit (default ${DEFAULT_TIMEOUT_SECONDS})` })
    .option('calibrate', { type: 'boolean', default: true, describe: 'Limit each task by its reference solution\'s time on this machine (cached in --db); --no-calibrate gives every task --timeout' })
    .option('time-floor', { type: 'number', describe: `Smallest calibrated limit, seconds (default ${DEFAULT_TIME_LIMIT_POLICY.floorSeconds}, as EvalPlus)` })
    .option('time-factor', { type: 'number', describe: `A calibrated limit is this many times the reference's CPU time (default ${DEFAULT_TIME_LIMIT_POLICY.factor}, as EvalPlus)` });
}

/** The policy the flags ask for: `min(ceiling, max(floor, factor × reference))`, the ceiling 60 s or the floor if higher. */
export function timeLimitPolicy(args: TimeLimitArgs): TimeLimitPolicy {
  const floorSeconds = args['time-floor'] === undefined ? DEFAULT_TIME_LIMIT_POLICY.floorSeconds : positiveNumber(args['time-floor'], '--time-floor');
  const factor = args['time-factor'] ?? DEFAULT_TIME_LIMIT_POLICY.factor;
  if (typeof factor !== 'number' || !Number.isFinite(factor) || factor < 1) throw new InputError(`--time-factor: expected a number from 1 up, got ${JSON.stringify(factor)}`);
  return { floorSeconds, factor, ceilingSeconds: Math.max(DEFAULT_TIME_LIMIT_POLICY.ceilingSeconds, floorSeconds) };
}

/** A calibrator for this machine, caching in `store`; the sandbox mode is part of the toolchain. */
export function openCalibrator(grader: MeasuringGrader, sandboxMode: Sandbox['mode'], store: Store): TimeCalibrator {
  return new TimeCalibrator({ grader, cache: store, host: hostFingerprint(), toolchain: (language) => `${toolchainFingerprint(language)}; sandbox ${sandboxMode}` });
}

export interface CalibrationReport {
  host: string;
  policy: TimeLimitPolicy;
  limits: TaskTimeLimit[];
  calibrations: Map<string, Calibration>;
  /** Tasks with a reference that got no calibrated limit, and why. */
  failures: { taskId: string; reason: string }[];
}

/** Calibrates `tasks` (cached timings cost nothing) and works out every task's limit. */
export async function calibrateLimits(
  tasks: readonly Task[],
  context: { calibrator: TimeCalibrator; policy: TimeLimitPolicy; defaultSeconds: number; concurrency: number; signal?: AbortSignal; onOutcome?: (task: Task, outcome: CalibrationOutcome) => void },
): Promise<CalibrationReport> {
  const outcomes = await calibrateTasks(context.calibrator, tasks, { concurrency: context.concurrency, signal: context.signal, onOutcome: context.onOutcome });
  return limitsFromOutcomes(tasks, outcomes, context);
}

export function limitsFromOutcomes(tasks: readonly Task[], outcomes: ReadonlyMap<string, CalibrationOutcome>, context: { policy: TimeLimitPolicy; defaultSeconds: number }): CalibrationReport {
  const calibrations = new Map<string, Calibration>();
  const failures: CalibrationReport['failures'] = [];
  for (const [taskId, outcome] of outcomes) {
    if (outcome.ok) calibrations.set(taskId, outcome.calibration);
    else failures.push({ taskId, reason: outcome.reason });
  }
  const limits = taskTimeLimits(tasks, calibrations, context.policy, context.defaultSeconds);
  return { host: hostFingerprint(), policy: context.policy, limits, calibrations, failures: failures.sort((a, b) => a.taskId.localeCompare(b.taskId)) };
}

/** Two or three lines: how many tasks were calibrated, from the cache or now, and the largest limits. */
export function formatCalibrationSummary(report: CalibrationReport, defaultSeconds: number): string {
  const { policy, limits, calibrations } = report;
  const cached = [...calibrations.values()].filter((c) => c.cached).length;
  const defaults = limits.filter((l) => l.source === 'default').length;
  const rule = `min(${policy.ceilingSeconds}, max(${policy.floorSeconds}, ${policy.factor} × reference CPU s))`;
  const lines = [`time limits on ${report.host}, ${rule}: ${calibrations.size} calibrated (${calibrations.size - cached} measured now, ${cached} from the cache), ${defaults} at the default ${defaultSeconds} s`];
  const largest = limits.filter((l) => l.source === 'calibrated').sort((a, b) => b.limitSeconds - a.limitSeconds || b.referenceSeconds! - a.referenceSeconds! || a.taskId.localeCompare(b.taskId)).slice(0, 3);
  if (largest.length > 0) lines.push(`largest: ${largest.map((l) => `${l.taskId} ${l.limitSeconds.toFixed(1)} s (reference ${l.referenceSeconds!.toFixed(2)} s)`).join(', ')}`);
  for (const f of report.failures) lines.push(`no calibrated limit for ${f.taskId}: ${f.reason}`);
  return `${lines.join('\n')}\n`;
}

/** For `--json`: the policy, the machine, and every task's reference time and limit. */
export function calibrationJson(report: CalibrationReport, tasks: readonly Task[], defaultSeconds: number) {
  const language = new Map(tasks.map((t) => [t.id, t.language]));
  const cached = [...report.calibrations.values()].filter((c) => c.cached).length;
  return {
    host: report.host,
    policy: report.policy,
    defaultSeconds,
    calibrated: report.calibrations.size,
    measured: report.calibrations.size - cached,
    cached,
    tasks: report.limits.map((l) => {
      const c = report.calibrations.get(l.taskId);
      return { id: l.taskId, language: language.get(l.taskId), limitSeconds: l.limitSeconds, source: l.source, ...(c && { referenceSeconds: c.referenceSeconds, runsSeconds: c.runsSeconds, method: c.method, cached: c.cached, measuredAt: c.measuredAt }) };
    }),
    failures: report.failures,
  };
}
