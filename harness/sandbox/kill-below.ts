import { readFileSync } from 'node:fs';
import type { SlotCgroup } from './slot-cgroup.ts';

/**
 * Kills a run from below: everything in its cgroup, and the sandbox's own pid 1, but neither the
 * chain's first process (root's `unshare`, or the outer bwrap) nor that one's child. Those two
 * then see their child die, reap it and exit normally. Killed outright, `unshare` would orphan
 * the namespace's pid 1 into a zombie of the slot uid for PID 1 to reap, and complain on stderr.
 * Killing the sandbox's pid 1 alone tears its whole pid namespace down; the rest goes faster.
 * Returns whether it signalled anything; if not, the caller kills the chain outright.
 */
export function killBelow(pid: number, cgroup: SlotCgroup | undefined): boolean {
  const spared = [pid, ...childrenOf(pid)];
  const targets = new Set([...(cgroup?.members() ?? []), ...spared.slice(1).flatMap(childrenOf)]);
  for (const p of spared) targets.delete(p);
  let killed = false;
  for (const target of targets) {
    try {
      process.kill(target, 'SIGKILL');
      killed = true;
    } catch {
      /* exited meanwhile */
    }
  }
  return killed;
}

/** A process's children, from /proc; empty when it is gone. */
export function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    // Gone already, or a kernel without CONFIG_PROC_CHILDREN: the hard kill follows.
    return [];
  }
}
