import { SandboxError } from '../core/errors.ts';

// Above systemd's container range (0x80000–0x6FFFFFFF) and below its foreign range at 0x7FFE0000.
const UID_BASE = 0x7000_0000;
/** Slots a process may hold across all its sandbox instances. */
export const UIDS_PER_PROCESS = 64;
// pid_max is at most 2^22; wrapping just below keeps the top block under 0x7FFE0000.
const PID_WRAP = 4_190_000;

const taken = new Set<number>();

/**
 * Host uids for sandbox slots, unique among live processes (the block is derived from our pid)
 * and among instances in this process. RLIMIT_NPROC counts per uid, so a shared uid would let one
 * slot's processes starve another's (../shared/docs/sandbox.md §3.4).
 */
export function allocateUids(count: number, pid: number = process.pid): number[] {
  const free: number[] = [];
  for (let i = 0; i < UIDS_PER_PROCESS && free.length < count; i++) if (!taken.has(i)) free.push(i);
  if (free.length < count) {
    throw new SandboxError(`Expected at most ${UIDS_PER_PROCESS} sandbox slots per process, ${taken.size} are in use and ${count} more were asked for`, { retryable: false });
  }
  for (const i of free) taken.add(i);
  return free.map((i) => UID_BASE + (pid % PID_WRAP) * UIDS_PER_PROCESS + i);
}

export function releaseUids(uids: number[], pid: number = process.pid): void {
  for (const uid of uids) taken.delete(uid - UID_BASE - (pid % PID_WRAP) * UIDS_PER_PROCESS);
}

/** Whether a uid belongs to codebench's sandbox range (for leftover checks). */
export function isSandboxUid(uid: number): boolean {
  return uid >= UID_BASE && uid < UID_BASE + PID_WRAP * UIDS_PER_PROCESS;
}
