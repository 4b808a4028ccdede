import { readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CgroupLayout } from './detect-cgroups.ts';
import { CGROUP_DIR } from './slot-cgroup.ts';

/** Folder names carry the owner's pid, so leftovers of a crashed grader can be told from live ones. */
export const WORKDIR_PREFIX = 'codebench-sbx-';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Kills what is left in the groups of codebench processes that died without cleaning up (crash,
 * SIGKILL), then removes the groups. Returns how many instances were swept.
 */
export function sweepStaleCgroups(layout: CgroupLayout): number {
  let swept = 0;
  const bases = [layout.unified, layout.memory, layout.pids, layout.cpuacct].filter((b): b is string => b !== undefined);
  for (const base of [...new Set(bases)]) {
    const top = join(base, CGROUP_DIR);
    for (const instance of list(top)) {
      const pid = Number(/^(\d+)-/.exec(instance)?.[1]);
      if (!Number.isInteger(pid) || isAlive(pid)) continue;
      for (const slot of list(join(top, instance))) killAndRemove(join(top, instance, slot));
      try {
        rmdirSync(join(top, instance));
        swept++;
      } catch {
        /* something survived the kill; the next sweep tries again */
      }
    }
  }
  return swept;
}

/** Removes `codebench-sbx-<pid>-*` folders of dead processes from `parent`. */
export function sweepStaleWorkdirs(parent: string): number {
  let swept = 0;
  for (const name of list(parent)) {
    const pid = Number(new RegExp(`^${WORKDIR_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (!Number.isInteger(pid) || isAlive(pid)) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
    swept++;
  }
  return swept;
}

function killAndRemove(dir: string): void {
  try {
    writeFileSync(join(dir, 'cgroup.kill'), '1');
  } catch {
    let procs = '';
    try {
      procs = readFileSync(join(dir, 'cgroup.procs'), 'utf8');
    } catch {
      return;
    }
    for (const pid of procs.split('\n').filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      rmdirSync(dir);
      return;
    } catch {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}
