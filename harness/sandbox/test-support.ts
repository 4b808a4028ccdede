import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { findBwrap } from './bwrap-sandbox.ts';
import type { SandboxLimits } from './sandbox.ts';

/** Why sandboxed tests cannot run here, or `undefined` when they can. Printed, never silent. */
export function sandboxUnavailableReason(): string | undefined {
  if (process.platform !== 'linux') return 'bubblewrap needs Linux';
  if (!findBwrap()) return 'bwrap is not installed (scripts/setup.sh installs it)';
  return undefined;
}

export const TEST_LIMITS: SandboxLimits = {
  wallMs: 4000,
  cpuSeconds: 2,
  memoryBytes: 512 * 2 ** 20,
  pids: 64,
  fileSizeBytes: 16 * 2 ** 20,
  outputBytes: 2 ** 20,
};

/**
 * Processes of the sandbox's slot uids that belong to no ready waiter and are no resident sandbox's
 * own: leftovers of finished runs.
 * Zombies are listed too unless `ignoreZombies` (PID 1 reaps those).
 */
export async function leftoverProcesses(sandbox: { isolation: { uids: number[] }; idleProcessIds: () => Promise<{ trees: number[]; exact: number[] }> }, options: { ignoreZombies?: boolean; ignorePids?: Set<number> } = {}): Promise<string[]> {
  const uids = new Set(sandbox.isolation.uids);
  if (uids.size === 0) return [];
  const { trees, exact } = await sandbox.idleProcessIds();
  const idle = new Set(trees);
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,uid=,stat=,args=']).toString().split('\n').filter(Boolean).map((line) => {
    const [pid, ppid, uid, stat] = line.trim().split(/\s+/);
    return { pid: Number(pid), ppid: Number(ppid), uid: Number(uid), stat: stat ?? '', line: line.trim() };
  });
  // Descendants of the idle waiters, in as many passes as the tree is deep.
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows) {
      if (!idle.has(r.pid) && idle.has(r.ppid)) {
        idle.add(r.pid);
        grew = true;
      }
    }
  }
  return rows
    .filter((r) => uids.has(r.uid) && !idle.has(r.pid) && !exact.includes(r.pid) && !options.ignorePids?.has(r.pid))
    .filter((r) => !(options.ignoreZombies && r.stat.startsWith('Z')))
    .map((r) => r.line);
}

/** Field `n` (1-based, as in proc(5)) of /proc/<pid>/task/<tid>/stat: 19 is the nice value, 41 the scheduling policy. */
export function procStatField(pid: number, n: number, tid: number | string = pid): number {
  // The command name, field 2, may hold spaces and parentheses: count from the last ") ".
  return Number(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[n - 3]);
}
