import type { Task } from '../core/task.ts';
import { Grader } from '../grader/grader.ts';
import { formatTable } from '../report/format-table.ts';
import { openStore } from '../store/open-store.ts';
import { positiveNumber } from './check-flags.ts';
import type { CliIO } from './main.ts';
import { defaultSlots, openSandbox, type SandboxMode } from './open-sandbox.ts';
import { calibrateLimits, calibrationJson, DEFAULT_TIMEOUT_SECONDS, formatCalibrationSummary, openCalibrator, timeLimitPolicy, type TimeLimitArgs } from './time-limits.ts';

/**
 * `codebench tasks limits`: every task's reference time on this machine and the limit it gets,
 * measuring only what the cache in `--db` lacks. Exit 0; references that fail are listed.
 */
export async function printTaskLimits(tasks: Task[], args: TimeLimitArgs & { sandbox: SandboxMode; db: string; json?: boolean }, io: CliIO): Promise<number> {
  const defaultSeconds = positiveNumber(args.timeout ?? DEFAULT_TIMEOUT_SECONDS, '--timeout');
  const policy = timeLimitPolicy(args);
  if (!args.calibrate) {
    io.stderr('codebench: tasks limits --no-calibrate: every task gets the --timeout limit; nothing to show\n');
    return 0;
  }
  const sandbox = await openSandbox(args.sandbox, defaultSlots(), io.stderr);
  const store = openStore(args.db);
  let report;
  try {
    const calibrator = openCalibrator(new Grader(sandbox, { timeoutSeconds: defaultSeconds }), sandbox.mode, store);
    report = await calibrateLimits(tasks, { calibrator, policy, defaultSeconds, concurrency: sandbox.slots * 2 });
  } finally {
    store.close();
    await sandbox.close();
  }
  if (args.json) {
    io.stdout(`${JSON.stringify(calibrationJson(report, tasks, defaultSeconds), null, 2)}\n`);
    return 0;
  }
  const language = new Map(tasks.map((t) => [t.id, t.language]));
  const rows = report.limits.map((l) => {
    const c = report.calibrations.get(l.taskId);
    return [l.taskId, language.get(l.taskId) ?? '-', c ? c.referenceSeconds.toFixed(3) : '-', l.limitSeconds.toFixed(1), c ? (c.cached ? 'cached' : 'measured') : 'default', c?.method ?? '-'];
  });
  io.stdout(`${formatTable(['task', 'language', 'reference s', 'limit s', 'source', 'timed by'], rows)}\n${formatCalibrationSummary(report, defaultSeconds)}`);
  return 0;
}
