import { fileURLToPath } from 'node:url';
import type { GradingInit } from '../sandbox/grading-protocol.ts';
import { RemoteGrader } from '../sandbox/remote-grader.ts';

const HOST = fileURLToPath(new URL('./grading-host.mjs', import.meta.url));

/**
 * Nice value of the grading process: model requests, which are paid for and timed, come first.
 * Where a run starved at its wall limit can be recognised and left unscored instead of being
 * called a timeout (./../sandbox/read-bwrap-result.ts), the process and its sandboxes go further,
 * to SCHED_IDLE.
 */
export const GRADING_NICENESS = 10;

/** Starts a run's grader in its own process, with a sandbox of `mode` and `slots`. */
export function startGrader(mode: GradingInit['sandbox']['mode'], slots: number, grader: GradingInit['grader']): Promise<RemoteGrader> {
  return RemoteGrader.start(HOST, { sandbox: { mode, slots }, grader, niceness: GRADING_NICENESS, idlePriority: true }, { env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
}
