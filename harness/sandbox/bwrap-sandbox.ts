import { existsSync } from 'node:fs';
import { release } from 'node:os';
import { SandboxError } from '../core/errors.ts';
import { buildSandboxEnter, type SandboxEnter } from './build-sandbox-enter.ts';
import { openSlots, type CgroupStatus } from './open-slots.ts';
import { readBwrapResult } from './read-bwrap-result.ts';
import type { Sandbox, SandboxRequest, SandboxResult } from './sandbox.ts';
import { hostSeccompArch, writeSeccompFilter, type SeccompArch } from './seccomp-filter.ts';
import type { CgroupCounters } from './slot-cgroup.ts';
import { SlotLauncher } from './slot-launcher.ts';
import { ResidentSlot } from './resident-slot.ts';
import { SlotPool } from './slot-pool.ts';
import { SpawnHelper } from './spawn-helper.ts';
import { IDLE_PREFIX, launchResident, spawnWaiter, startResidentRun, startWaiterRun, type RunContext } from './start-run.ts';
import { releaseUids } from './slot-uids.ts';
import { TOOLCHAIN_CACHE } from './toolchains.ts';
import { findTools, type Tool } from './tools.ts';
import { defaultWorkParent, fileNames, Workspace } from './workspace.ts';

export interface BwrapSandboxOptions {
  /** Concurrent runs; each slot has its own host uid, so RLIMIT_NPROC never couples two slots. */
  slots: number;
  /** Where the per-run files are written (default: a tmpfs such as /dev/shm, else the OS temp folder). */
  workParent?: string;
  /** Per-slot cgroups where the machine allows them (default true). */
  cgroups?: boolean;
  /** The seccomp deny-list (default true, on x86_64 and aarch64). */
  seccomp?: boolean;
  /** How runs join their cgroups (default: `fds` from Linux 5.16 on, else `shell`; see ./build-bwrap-args.ts). */
  cgroupJoin?: 'fds' | 'shell';
  /** Spawn through ./spawn-helper.ts where python3 is present (default true); else Node forks itself. */
  spawnHelper?: boolean;
  /**
   * One resident bwrap per slot, each run in fresh namespaces inside it (./resident-slot.ts), where
   * the spawn helper runs, a C compiler built ./sandbox-enter.c and cgroups are joined through fds
   * (default true). Else every run gets a bwrap of its own.
   */
  resident?: boolean;
  /**
   * Every sandboxed process at SCHED_IDLE, so that it never delays a process of normal priority
   * (the run's model requests, which are timed), where the slots' cgroups report CPU pressure:
   * a run starved at its wall limit is then unscored, never a timeout (default false).
   */
  idlePriority?: boolean;
}

/** How this instance isolates; `codebench doctor` prints it. */
export interface IsolationInfo {
  bwrap: string;
  /** Root drops every slot to its own uid, and wraps each run in its own pid namespace. */
  uidDrop: boolean;
  uids: number[];
  cgroups: CgroupStatus;
  /** How runs join their cgroups, when there are any. */
  cgroupJoin: 'fds' | 'shell';
  seccomp: SeccompArch | undefined;
  /**
   * What spawns each run: a resident sandbox per slot (./resident-slot.ts), or a bwrap per run
   * spawned by the vfork helper (./spawn-helper.ts) or by a fork of Node itself.
   */
  launcher: 'resident' | 'helper' | 'node';
  /** Why runs do not use resident sandboxes, when they do not. */
  residentOff?: string;
  /** Sandboxes run at SCHED_IDLE (`idlePriority`), with starved runs told apart by CPU pressure. */
  idlePriority: boolean;
}

const BWRAP_PATHS = ['/usr/bin/bwrap', '/usr/local/bin/bwrap'];
const EMPTY_DEADLINE_MS = 2000;

export const INSTALL_HINT = 'install bubblewrap (Debian/Ubuntu: apt-get install -y bubblewrap; Fedora: dnf install bubblewrap)';

function kernelAtLeast(major: number, minor: number): boolean {
  const [a = 0, b = 0] = release().split(/[.-]/).map(Number);
  return a > major || (a === major && b >= minor);
}

export function findBwrap(): string | undefined {
  return BWRAP_PATHS.find((p) => existsSync(p));
}

/** Bubblewrap sandbox: namespaces, read-only root, sized tmpfs, seccomp, rlimits, per-slot uid and cgroups. */
export class BwrapSandbox implements Sandbox {
  readonly mode = 'bwrap' as const;
  readonly slots: number;
  readonly #bwrap: string;
  readonly #tools: Map<string, Tool>;
  readonly #pool: SlotPool;
  readonly #workspace: Workspace;
  readonly #slots: (SlotLauncher | ResidentSlot)[];
  readonly #cgroups: CgroupStatus;
  readonly #seccomp: { arch: SeccompArch; path: string } | undefined;
  readonly #joinViaFds: boolean;
  #helper: SpawnHelper | undefined;
  #idle = false;
  readonly #residentOff: string | undefined;

  private constructor(bwrap: string, options: BwrapSandboxOptions, enter: SandboxEnter) {
    this.slots = options.slots;
    this.#bwrap = bwrap;
    // Since Linux 5.16 a write to cgroup.procs is checked against the credentials of whoever
    // opened the file, so the sandboxed shell can join through fds we opened.
    this.#joinViaFds = (options.cgroupJoin ?? (kernelAtLeast(5, 16) ? 'fds' : 'shell')) === 'fds';
    this.#tools = findTools();
    this.#pool = new SlotPool(options.slots);
    const workParent = options.workParent ?? defaultWorkParent();
    const opened = openSlots(options.slots, { root: process.getuid?.() === 0, cgroups: options.cgroups ?? true, workParent });
    this.#cgroups = opened.status;
    this.#workspace = new Workspace(workParent);
    const arch = options.seccomp === false ? undefined : hostSeccompArch();
    this.#seccomp = arch && { arch, path: writeSeccompFilter(this.#workspace.root, arch) };
    const shellJoin = opened.status.mode !== 'none' && !this.#joinViaFds;
    this.#residentOff = 'reason' in enter ? enter.reason : shellJoin ? 'cgroups are joined through a root shell on this kernel' : undefined;
    this.#slots = opened.slots.map((slot, index) => 'path' in enter && !shellJoin
      ? new ResidentSlot(slot.uid, slot.cgroups, {
        dirFor: (turn) => this.#workspace.slotDir(index, turn),
        launch: () => launchResident(this.#context(), slot.uid, slot.cgroups, index, enter.path),
      })
      : new SlotLauncher(slot.uid, slot.cgroups, {
        dirFor: (turn) => this.#workspace.slotDir(index, turn),
        placeholders: (dir, plan) => this.#workspace.placeholders(dir, plan.names),
        spawn: (cgroup, dir, plan) => spawnWaiter(this.#context(), slot.uid, cgroup, dir, plan),
      }));
  }

  /**
   * Finds bwrap and proves with one tiny run that it can build namespaces here. Where resident
   * sandboxes fail that run, it tries again with a bwrap per run and says why in `isolation`.
   */
  static async create(options: BwrapSandboxOptions): Promise<BwrapSandbox> {
    const bwrap = findBwrap();
    if (!bwrap) throw new SandboxError(`bubblewrap (bwrap) is not installed: ${INSTALL_HINT}`, { retryable: false });
    const python = options.spawnHelper === false ? undefined : findTools().get('python3')?.path;
    const enter: SandboxEnter = options.resident === false
      ? { reason: 'turned off' }
      : python ? await buildSandboxEnter(TOOLCHAIN_CACHE) : { reason: 'no spawn helper (python3)' };
    try {
      return await BwrapSandbox.#started(new BwrapSandbox(bwrap, options, enter), python, options);
    } catch (error) {
      if ('reason' in enter) throw error;
      const reason = `a resident sandbox failed its first run: ${(error as Error).message}`;
      return BwrapSandbox.#started(new BwrapSandbox(bwrap, options, { reason }), python, options);
    }
  }

  /**
   * Starts the spawn helper, at idle priority where asked and where a starved run can be told
   * from a hung one (CPU pressure in every slot's cgroup, see ./read-bwrap-result.ts), then
   * proves with one tiny run that the sandbox works.
   */
  static async #started(sandbox: BwrapSandbox, python: string | undefined, options: BwrapSandboxOptions): Promise<BwrapSandbox> {
    const groups = sandbox.#slots.flatMap((s) => s.cgroups);
    sandbox.#idle = (options.idlePriority ?? false) && python !== undefined && existsSync(IDLE_PREFIX[0]!) && groups.length > 0 && groups.every((g) => g.capabilities.cpuPressure);
    try {
      sandbox.#helper = python ? await SpawnHelper.start(python, sandbox.#idle ? IDLE_PREFIX : []) : undefined;
      sandbox.#idle &&= sandbox.#helper !== undefined;
    } catch (error) {
      await sandbox.close();
      throw error;
    }
    return BwrapSandbox.#probed(sandbox);
  }

  static async #probed(sandbox: BwrapSandbox): Promise<BwrapSandbox> {
    const probe = await sandbox.run({
      files: {},
      argv: ['python3', '-c', 'print("ok")'],
      limits: { wallMs: 10_000, cpuSeconds: 5, memoryBytes: 512 * 2 ** 20, pids: 16, fileSizeBytes: 2 ** 20, outputBytes: 4096 },
    }).catch(async (error: unknown) => {
      await sandbox.close();
      throw error;
    });
    if (probe.stdout.trim() !== 'ok') {
      await sandbox.close();
      throw new SandboxError(`bubblewrap is installed but a test run failed: ${probe.stderr.trim().slice(0, 300)}`, { retryable: false });
    }
    return sandbox;
  }

  /** The host folder that holds this sandbox's per-run files. */
  get workRoot(): string {
    return this.#workspace.root;
  }

  get isolation(): IsolationInfo {
    const uids = this.#slots.map((s) => s.uid).filter((u): u is number => u !== undefined);
    return { bwrap: this.#bwrap, uidDrop: uids.length > 0, uids, cgroups: this.#cgroups, cgroupJoin: this.#joinViaFds ? 'fds' : 'shell', seccomp: this.#seccomp?.arch, launcher: this.#residentOff === undefined ? 'resident' : this.#helper ? 'helper' : 'node', residentOff: this.#residentOff, idlePriority: this.#idle };
  }

  /**
   * Processes of the slot uids that belong to no run: the trees of waiters kept ready for the
   * next runs, and the resident sandboxes' own chains (whose children are runs). A check for
   * leftovers of finished runs must look past these.
   */
  async idleProcessIds(): Promise<{ trees: number[]; exact: number[] }> {
    const idle = await Promise.all(this.#slots.map((s) => s.idleProcesses()));
    return { trees: idle.flatMap((i) => i.trees), exact: idle.flatMap((i) => i.exact) };
  }

  hasTool(name: string): boolean {
    return this.#tools.has(name);
  }

  async run(request: SandboxRequest): Promise<SandboxResult> {
    const [toolName, ...toolArgs] = request.argv;
    const tool = toolName === undefined ? undefined : this.#tools.get(toolName);
    if (!tool) throw new SandboxError(`no ${toolName ?? 'program'} found under /usr on this machine`, { retryable: false });

    const index = await this.#pool.acquire();
    const slot = this.#slots[index]!;
    let released = false;
    let held = false;
    const release = () => {
      if (released || held) return;
      released = true;
      this.#pool.release(index);
    };
    try {
      const { limits } = request;
      const names = fileNames(request.files);
      const started = slot instanceof ResidentSlot
        ? await startResidentRun(this.#context(), slot, tool, toolArgs, names, request)
        : startWaiterRun(this.#context(), slot, tool, toolArgs, names, request);
      const { process: waiter, cgroup } = started;
      const before = cgroup?.counters();
      let after: CgroupCounters | undefined;
      let done: Promise<void> | undefined;
      const payloadDone = () => (done ??= (async () => {
        if (!cgroup) return;
        // "Done" is an empty cgroup, not the first process's exit.
        if (await cgroup.waitEmpty(EMPTY_DEADLINE_MS)) {
          after = cgroup.counters();
          return;
        }
        held = true;
        void cgroup.waitEmpty(60_000).then((empty) => {
          held = !empty;
          if (empty) this.#pool.release(index);
        });
        throw new SandboxError(`processes of a run in sandbox slot ${index} survived SIGKILL for ${EMPTY_DEADLINE_MS} ms; the slot is held until they are gone`);
      })());
      const result = await waiter.run({
        stdin: started.stdin,
        wallMs: limits.wallMs,
        outputBytes: limits.outputBytes,
        signal: request.signal,
        onKill: () => cgroup?.kill(),
        softKill: started.softKill,
        // Once the code's own processes are gone the slot can take its next run, in the other
        // turn's cgroup, while bwrap still tears this one's namespaces down (an RCU grace period).
        onStatus: (status) => {
          if (!this.#joinViaFds || !cgroup || !('exit-code' in status)) return;
          // Nothing of this run may be killed any more: its cgroup is about to hold the next waiter.
          waiter.disarm();
          void payloadDone().then(release, () => undefined);
        },
        settle: payloadDone,
      });
      return readBwrapResult(result, limits, before, after ?? cgroup?.counters());
    } finally {
      release();
    }
  }

  #context(): RunContext {
    return { bwrap: this.#bwrap, workspace: this.#workspace, tools: this.#tools, seccomp: this.#seccomp, joinViaFds: this.#joinViaFds, helper: this.#helper, idle: this.#idle };
  }

  async close(): Promise<void> {
    await Promise.all(this.#slots.map((s) => s.close()));
    await this.#helper?.close();
    releaseUids(this.#slots.map((s) => s.uid).filter((u): u is number => u !== undefined));
    this.#workspace.close();
  }
}
