import type { ContainedProcess } from './run-contained.ts';
import type { SlotCgroup } from './slot-cgroup.ts';
import type { Tool } from './tools.ts';

/** What a waiter is built for: the tool and the file names bound into its sandbox. */
export interface LaunchPlan {
  tool: Tool;
  /** Normalised relative file names, sorted. */
  names: string[];
}

export interface Waiter {
  process: ContainedProcess;
  cgroup: SlotCgroup | undefined;
  /** The host folder whose files the sandbox binds. */
  dir: string;
  turn: number;
  key: string;
}

export interface LauncherHooks {
  /** The folder of a turn; each turn has its own, like its own cgroup. */
  dirFor: (turn: number) => string;
  /** Makes sure the plan's files exist in `dir` (empty if need be) so that they can be bound. */
  placeholders: (dir: string, plan: LaunchPlan) => void;
  /** Spawns a waiter whose sandbox binds the plan's files from `dir`. */
  spawn: (cgroup: SlotCgroup | undefined, dir: string, plan: LaunchPlan) => ContainedProcess;
}

/**
 * Keeps one waiter (./build-bwrap-args.ts) ready for a slot, so the cgroup join and the whole
 * sandbox setup happen while the previous run is still going. It guesses that the next run looks
 * like the last one (same tool, same file names), which is what a grader does all day; a run that
 * differs gets a fresh waiter. Turns alternate between two cgroups and two folders: the waiter
 * for run N+1 sits in the ones run N does not use, so run N's limits, kills and empty-check never
 * touch it, and a group or folder is only reused after its run was seen empty.
 */
export class SlotLauncher {
  readonly uid: number | undefined;
  readonly cgroups: SlotCgroup[];
  readonly #hooks: LauncherHooks;
  #next: Waiter | undefined;
  #ticket = 0;
  #lastTurn = -1;
  #closed = false;

  constructor(uid: number | undefined, cgroups: SlotCgroup[], hooks: LauncherHooks) {
    this.uid = uid;
    this.cgroups = cgroups;
    this.#hooks = hooks;
  }

  /**
   * The waiter for this run, with `write` called on its folder before it is returned; the next
   * waiter is started right after, in the other turn.
   */
  take(plan: LaunchPlan, write: (dir: string) => void): Waiter {
    const key = planKey(plan);
    let current = this.#next;
    this.#next = undefined;
    let discarded: Promise<void> = Promise.resolve();
    if (current && (!current.process.alive || current.key !== key)) {
      discarded = current.process.discard();
      current = undefined;
    }
    if (current) {
      write(current.dir);
    } else {
      // The last run's turn was seen empty when it ended; a discarded waiter's may not be yet.
      const turn = this.#lastTurn + 2;
      const dir = this.#hooks.dirFor(turn);
      write(dir);
      current = this.#make(turn, dir, plan, key);
    }
    this.#lastTurn = current.turn;
    this.#prespawn(current.turn + 1, plan, key, discarded);
    return current;
  }

  /** Starts the next waiter once the event loop is free (spawning blocks it for a moment). */
  #prespawn(turn: number, plan: LaunchPlan, key: string, after: Promise<void>): void {
    const ticket = ++this.#ticket;
    void after.then(() => setImmediate(() => {
      if (this.#closed || this.#next !== undefined || ticket !== this.#ticket) return;
      const dir = this.#hooks.dirFor(turn);
      this.#hooks.placeholders(dir, plan);
      this.#next = this.#make(turn, dir, plan, key);
    }));
  }

  /**
   * Processes that belong to no run: the tree of the waiter kept ready, if any, by its first pid.
   * Waits until that pid is known (the spawn helper reports it a moment after the spawn).
   */
  async idleProcesses(): Promise<{ trees: number[]; exact: number[] }> {
    const next = this.#next;
    await next?.process.started;
    return { trees: next?.process.alive && next.process.pid !== undefined ? [next.process.pid] : [], exact: [] };
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#next?.process.discard();
    this.#next = undefined;
    await Promise.all(this.cgroups.map((g) => g.remove()));
  }

  #make(turn: number, dir: string, plan: LaunchPlan, key: string): Waiter {
    const cgroup = this.cgroups.length === 0 ? undefined : this.cgroups[turn % this.cgroups.length];
    return { process: this.#hooks.spawn(cgroup, dir, plan), cgroup, dir, turn, key };
  }
}

function planKey(plan: LaunchPlan): string {
  return JSON.stringify([plan.tool.name, plan.tool.path, plan.names]);
}
