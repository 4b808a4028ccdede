import { execFileSync } from 'node:child_process';
import { SandboxError } from '../core/errors.ts';
import { IDLE_PREFIX } from './start-run.ts';

/**
 * Moves every thread of process `pid` to SCHED_IDLE; threads and processes it starts later inherit
 * it. A process may always lower its own priority, but only CAP_SYS_NICE raises it back.
 */
export function enterIdlePriority(pid: number): void {
  try {
    execFileSync(IDLE_PREFIX[0]!, ['--all-tasks', '--idle', '--pid', '0', String(pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new SandboxError(`could not move process ${pid} to idle priority: ${stderr || (error as Error).message}`, { cause: error, retryable: false });
  }
}
