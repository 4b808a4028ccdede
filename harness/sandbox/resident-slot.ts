import { readFileSync } from 'node:fs';
import { childrenOf } from './kill-below.ts';
import type { SlotCgroup } from './slot-cgroup.ts';
import type { SpawnHelper } from './spawn-helper.ts';

export interface ResidentTurn {
  helper: SpawnHelper;
  turn: 0 | 1;
  /** The host folder bound at this turn's /in path. */
  dir: string;
  cgroup: SlotCgroup | undefined;
  /** The helper's kept fds (its `--keep` indexes) that hold this turn's cgroup.procs files. */
  keptCgroupFds: number[];
}

export interface ResidentHooks {
  /** The host folder of a turn, bound into the resident sandbox. */
  dirFor: (turn: 0 | 1) => string;
  /** Starts the slot's resident sandbox, its helper inheriting every turn's cgroup.procs fds in order. */
  launch: () => Promise<SpawnHelper>;
}

/**
 * One slot's resident sandbox: bubblewrap built once, with the uid drop, the user, network and
 * UTS namespaces and the read-only root, around a spawn helper that starts each run through
 * ./sandbox-enter.c in fresh mount, PID and IPC namespaces with fresh tmpfs. On this 2-core VM a
 * bwrap per run cost as much CPU as a small Python program itself (see issue 3's figures); this
 * keeps the per-run part to what isolates one run from the next.
 *
 * Runs alternate between two turns, each with its own host folder and cgroup, so the next run can
 * start while the last one's cgroup drains, as with ./slot-launcher.ts. A helper that died is
 * started again for the next run; runs in flight when it died fail as SandboxErrors.
 */
export class ResidentSlot {
  readonly uid: number | undefined;
  readonly cgroups: SlotCgroup[];
  readonly #hooks: ResidentHooks;
  #helper: Promise<SpawnHelper> | undefined;
  #turn: 0 | 1 = 1;
  #closed = false;

  constructor(uid: number | undefined, cgroups: SlotCgroup[], hooks: ResidentHooks) {
    this.uid = uid;
    this.cgroups = cgroups;
    this.#hooks = hooks;
  }

  async take(): Promise<ResidentTurn> {
    const helper = await this.#current();
    const turn: 0 | 1 = this.#turn === 0 ? 1 : 0;
    this.#turn = turn;
    const cgroup = this.cgroups[turn];
    const perGroup = cgroup?.procsFiles.length ?? 0;
    return { helper, turn, dir: this.#hooks.dirFor(turn), cgroup, keptCgroupFds: Array.from({ length: perGroup }, (_, i) => turn * perGroup + i) };
  }

  /**
   * Processes that belong to no run: the resident chain's own (unshare, bwrap, the helper), not
   * their children; those are runs, and a run that outlived its end is a leftover.
   */
  async idleProcesses(): Promise<{ trees: number[]; exact: number[] }> {
    return { trees: [], exact: await this.#chainPids() };
  }

  async #chainPids(): Promise<number[]> {
    const helper = await this.#helper?.catch(() => undefined);
    const pids: number[] = [];
    for (let pid = helper?.alive ? helper.pid : undefined; pid !== undefined;) {
      pids.push(pid);
      if (readComm(pid).startsWith('python')) break;
      const children = childrenOf(pid);
      pid = children.length === 1 ? children[0] : undefined;
    }
    return pids;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const helper = await this.#helper?.catch(() => undefined);
    await helper?.close();
    await Promise.all(this.cgroups.map((g) => g.remove()));
  }

  async #current(): Promise<SpawnHelper> {
    for (;;) {
      if (this.#closed) throw new Error('the sandbox is closed');
      const pending = this.#helper;
      const helper = await pending?.catch(() => undefined);
      if (helper?.alive) return helper;
      // Only the first run to see it dead starts it again; the others wait for that one.
      if (this.#helper !== pending) continue;
      this.#helper = this.#hooks.launch();
      return this.#helper;
    }
  }
}

function readComm(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}
