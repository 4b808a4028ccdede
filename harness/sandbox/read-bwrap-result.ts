import { SandboxError } from '../core/errors.ts';
import type { ContainedResult } from './run-contained.ts';
import type { SandboxLimits, SandboxResult } from './sandbox.ts';
import type { CgroupCounters } from './slot-cgroup.ts';

const SIGXCPU_EXIT = 128 + 24;
const SIGKILL_EXIT = 128 + 9;
// A run stopped at the wall limit that spent this much of it waiting for a CPU, and waited longer
// than it ran, was starved by the machine, not hung: no verdict can be drawn from it. (A fork bomb
// waits on its own processes as much, but it runs on every core meanwhile.)
const STARVED_FRACTION = 0.25;

/**
 * Turns what the chain reported into a SandboxResult. bwrap's JSON status, written to a pipe the
 * code cannot reach, tells a sandbox that never started (our failure: SandboxError, so the sample
 * is unscored) from a program that failed; the cgroup counters before and after the run tell an
 * OOM kill, the CPU time used and, at a wall-clock stop, whether the run was starved of CPU.
 */
export function readBwrapResult(result: ContainedResult, limits: SandboxLimits, before: CgroupCounters | undefined, after: CgroupCounters | undefined): SandboxResult {
  const started = result.status.some((s) => 'child-pid' in s);
  const exitStatus = result.status.find((s) => 'exit-code' in s)?.['exit-code'];
  if (!started && result.stop === 'exited') {
    throw new SandboxError(`bubblewrap could not set up the sandbox: ${result.stderr.trim().slice(0, 300)}`);
  }
  const memoryExceeded = before && after ? after.oomKills > before.oomKills : undefined;
  // bwrap, out of the code's reach, reports every exit; only our kills and the OOM killer stop it first.
  if (exitStatus === undefined && result.stop === 'exited' && !memoryExceeded) {
    throw new SandboxError(`the sandbox ended without reporting an exit status: ${result.stderr.trim().slice(-300)}`);
  }
  const cpuMs = before?.cpuUsec !== undefined && after?.cpuUsec !== undefined ? Math.round((after.cpuUsec - before.cpuUsec) / 1000) : undefined;
  const waitedMs = before?.cpuWaitUsec !== undefined && after?.cpuWaitUsec !== undefined ? (after.cpuWaitUsec - before.cpuWaitUsec) / 1000 : undefined;
  if (result.stop === 'wall-timeout' && waitedMs !== undefined && waitedMs >= STARVED_FRACTION * limits.wallMs && waitedMs > (cpuMs ?? 0)) {
    throw new SandboxError(`the run waited ${(waitedMs / 1000).toFixed(1)} s of its ${(limits.wallMs / 1000).toFixed(1)} s wall-clock limit for a CPU: the machine was too busy to tell a hang from a slow start`, { retryable: true });
  }
  const exitCode = typeof exitStatus === 'number' ? exitStatus : result.exitCode;
  // SIGXCPU at the soft limit; SIGKILL at the hard one for a program that ignores SIGXCPU.
  const outOfCpu = exitCode === SIGXCPU_EXIT || (exitCode === SIGKILL_EXIT && !memoryExceeded && cpuMs !== undefined && cpuMs >= limits.cpuSeconds * 1000);
  const { status: _status, ...rest } = result;
  return {
    ...rest,
    // The kernel's OOM kill leaves no message of its own; say what happened where a reader looks.
    stderr: memoryExceeded ? `${rest.stderr}${rest.stderr.endsWith('\n') || rest.stderr === '' ? '' : '\n'}codebench: the kernel OOM-killed the program at the ${Math.round(limits.memoryBytes / 2 ** 20)} MiB memory limit\n` : rest.stderr,
    exitCode,
    stop: rest.stop === 'exited' && outOfCpu ? 'cpu-limit' : rest.stop,
    memoryExceeded,
    cpuMs,
  };
}
