import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SandboxError } from '../core/errors.ts';
import type { CgroupLayout, CgroupMode } from './detect-cgroups.ts';

/** The folder every codebench group lives in, under each hierarchy's base. */
export const CGROUP_DIR = 'codebench';

/** What one slot's groups enforce and measure; `codebench doctor` prints it. */
export interface CgroupCapabilities {
  mode: CgroupMode;
  memory: boolean;
  /** Swap is limited to 0 (v1 memsw, v2 memory.swap.max); without swap accounting there is nothing to limit. */
  swapLimit: boolean;
  pids: boolean;
  /** `cgroup.kill` (else SIGKILL in a loop over cgroup.procs). */
  kill: boolean;
  oomDetection: boolean;
  cpuTime: boolean;
  /** `cpu.pressure` (PSI): how long the group's processes waited for a CPU, so a starved run can be told from a hung one. */
  cpuPressure: boolean;
}

/** Counters read before and after a run; their difference belongs to the run. */
export interface CgroupCounters {
  oomKills: number;
  cpuUsec: number | undefined;
  /** Time some process of the group was runnable but had no CPU (PSI `some total`). */
  cpuWaitUsec?: number;
}

interface Dirs {
  memory: string;
  pids: string;
  unified?: string;
  cpuacct?: string;
}

/**
 * One slot's cgroups, made once per sandbox instance and reused by every run in that slot: setup
 * per sample would cost time on the hot path. Processes join before exec through the `cgroup.procs`
 * files in `procsFiles`.
 */
export class SlotCgroup {
  readonly #dirs: Dirs;
  readonly #v2: boolean;
  readonly capabilities: CgroupCapabilities;
  readonly procsFiles: string[];
  // A new group starts unlimited, so the first write lowers the limit.
  #memoryBytes = Number.POSITIVE_INFINITY;
  #pidsMax = -1;

  private constructor(layout: CgroupLayout, dirs: Dirs) {
    this.#dirs = dirs;
    this.#v2 = layout.mode === 'v2';
    const swapFile = this.#v2 ? join(dirs.memory, 'memory.swap.max') : join(dirs.memory, 'memory.memsw.limit_in_bytes');
    const killDir = dirs.unified;
    this.capabilities = {
      mode: layout.mode,
      memory: true,
      swapLimit: existsSync(swapFile),
      pids: true,
      kill: killDir !== undefined && existsSync(join(killDir, 'cgroup.kill')),
      oomDetection: existsSync(join(dirs.memory, this.#v2 ? 'memory.events' : 'memory.oom_control')),
      cpuTime: dirs.unified !== undefined || dirs.cpuacct !== undefined,
      cpuPressure: dirs.unified !== undefined && existsSync(join(dirs.unified, 'cpu.pressure')),
    };
    this.procsFiles = [...new Set(Object.values(dirs).filter((d): d is string => d !== undefined))].map((d) => join(d, 'cgroup.procs'));
    if (this.#v2) writeFileSync(join(dirs.memory, 'memory.oom.group'), '1');
  }

  /** Makes `codebench/<instance>/<name>` in every hierarchy of the layout. */
  static create(layout: CgroupLayout, instance: string, name: string): SlotCgroup {
    if (layout.mode === 'none' || !layout.memory || !layout.pids) throw new SandboxError('no usable cgroups', { retryable: false });
    const make = (base: string | undefined) => {
      if (base === undefined) return undefined;
      const dir = join(base, CGROUP_DIR, instance, name);
      if (layout.mode === 'v2') {
        // Each level must hand memory and pids down to the next.
        if (layout.enableControllers) writeFileSync(join(base, 'cgroup.subtree_control'), '+memory +pids');
        mkdirSync(join(base, CGROUP_DIR), { recursive: true });
        writeFileSync(join(base, CGROUP_DIR, 'cgroup.subtree_control'), '+memory +pids');
        mkdirSync(join(base, CGROUP_DIR, instance), { recursive: true });
        writeFileSync(join(base, CGROUP_DIR, instance, 'cgroup.subtree_control'), '+memory +pids');
      }
      mkdirSync(dir, { recursive: true });
      return dir;
    };
    const memory = make(layout.memory)!;
    const dirs: Dirs = layout.mode === 'v2'
      ? { memory, pids: memory, unified: memory }
      : { memory, pids: make(layout.pids)!, unified: make(layout.unified), cpuacct: make(layout.cpuacct) };
    return new SlotCgroup(layout, dirs);
  }

  /** Writes the limits only when they differ from the last run's. */
  setLimits(memoryBytes: number, pids: number): void {
    if (memoryBytes !== this.#memoryBytes) {
      const m = this.#dirs.memory;
      if (this.#v2) {
        writeFileSync(join(m, 'memory.max'), String(memoryBytes));
        if (this.capabilities.swapLimit) writeFileSync(join(m, 'memory.swap.max'), '0');
      } else {
        // memsw (memory + swap) may never be below the memory limit: order the writes by direction.
        const writes: [string, number][] = [['memory.limit_in_bytes', memoryBytes]];
        if (this.capabilities.swapLimit) {
          if (memoryBytes > this.#memoryBytes) writes.unshift(['memory.memsw.limit_in_bytes', memoryBytes]);
          else writes.push(['memory.memsw.limit_in_bytes', memoryBytes]);
        }
        for (const [file, value] of writes) writeFileSync(join(m, file), String(value));
      }
      this.#memoryBytes = memoryBytes;
    }
    if (pids !== this.#pidsMax) {
      writeFileSync(join(this.#dirs.pids, 'pids.max'), String(pids));
      this.#pidsMax = pids;
    }
  }

  counters(): CgroupCounters {
    const events = readOr(join(this.#dirs.memory, this.#v2 ? 'memory.events' : 'memory.oom_control'));
    const oomKills = Number(/^oom_kill (\d+)/m.exec(events)?.[1] ?? 0);
    let cpuUsec: number | undefined;
    if (this.#dirs.unified) {
      const usage = /^usage_usec (\d+)/m.exec(readOr(join(this.#dirs.unified, 'cpu.stat')))?.[1];
      cpuUsec = usage === undefined ? undefined : Number(usage);
    } else if (this.#dirs.cpuacct) {
      const ns = readOr(join(this.#dirs.cpuacct, 'cpuacct.usage')).trim();
      cpuUsec = ns === '' ? undefined : Math.round(Number(ns) / 1000);
    }
    const wait = this.capabilities.cpuPressure ? /^some .*total=(\d+)/m.exec(readOr(join(this.#dirs.unified!, 'cpu.pressure')))?.[1] : undefined;
    return { oomKills, cpuUsec, ...(wait === undefined ? {} : { cpuWaitUsec: Number(wait) }) };
  }

  /** Kills every process in the slot. Without `cgroup.kill`, one SIGKILL round over cgroup.procs. */
  kill(): void {
    if (this.capabilities.kill) {
      try {
        writeFileSync(join(this.#dirs.unified!, 'cgroup.kill'), '1');
        return;
      } catch {
        /* fall back to signals */
      }
    }
    for (const pid of this.members()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone already */
      }
    }
  }

  populated(): boolean {
    if (this.#dirs.unified) return /^populated 1/m.test(readOr(join(this.#dirs.unified, 'cgroup.events')));
    return this.members().length > 0;
  }

  /** Waits until the slot is empty, killing again along the way; false if the deadline passed. */
  async waitEmpty(deadlineMs: number): Promise<boolean> {
    const end = performance.now() + deadlineMs;
    let pause = 1;
    while (this.populated()) {
      if (performance.now() > end) return false;
      this.kill();
      await sleep(pause);
      pause = Math.min(pause * 2, 50);
    }
    return true;
  }

  /** Empties and removes the slot's groups; the instance folders go once all slots are gone. */
  async remove(): Promise<void> {
    await this.waitEmpty(2000);
    for (const dir of new Set(Object.values(this.#dirs).filter((d): d is string => d !== undefined))) {
      rmdirQuiet(dir);
      rmdirQuiet(join(dir, '..'));
    }
  }

  /** Pids in the slot's memory group (in v2 the one group). */
  members(): number[] {
    return readOr(join(this.#dirs.memory, 'cgroup.procs')).split('\n').filter(Boolean).map(Number);
  }
}

function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function rmdirQuiet(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    /* busy (another slot still there) or gone */
  }
}
