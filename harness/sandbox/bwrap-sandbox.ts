import { existsSync } from 'node:fs';
import { release } from 'node:os';
import { join } from 'node:path';
import { SandboxError } from '../core/errors.ts';
import { buildLaunchLine, buildWaiter } from './build-bwrap-args.ts';
import { killBelow } from './kill-below.ts';
import { openSlots, type CgroupStatus } from './open-slots.ts';
import { readBwrapResult } from './read-bwrap-result.ts';
import type { PassFile } from './child-handle.ts';
import { ContainedProcess } from './run-contained.ts';
import type { Sandbox, SandboxRequest, SandboxResult } from './sandbox.ts';
import { hostSeccompArch, writeSeccompFilter, type SeccompArch } from './seccomp-filter.ts';
import type { CgroupCounters, SlotCgroup } from './slot-cgroup.ts';
import { SlotLauncher, type LaunchPlan } from './slot-launcher.ts';
import { SlotPool } from './slot-pool.ts';
import { SpawnHelper } from './spawn-helper.ts';
import { releaseUids } from './slot-uids.ts';
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
  /** What spawns each sandbox: the vfork helper (./spawn-helper.ts), or a fork of Node itself. */
  launcher: 'helper' | 'node';
}

const BWRAP_PATHS = ['/usr/bin/bwrap', '/usr/local/bin/bwrap'];
// With a root shell in front, the chain's own processes are in the slot's cgroup too: unshare,
// the outer bwrap and bwrap's pid 1.
const CHAIN_PROCESSES = 3;
const EMPTY_DEADLINE_MS = 2000;
const STATUS_FD = 3;
const SECCOMP_FD = 4;

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
  readonly #slots: SlotLauncher[];
  readonly #cgroups: CgroupStatus;
  readonly #seccomp: { arch: SeccompArch; path: string } | undefined;
  readonly #joinViaFds: boolean;
  readonly #helper: SpawnHelper | undefined;

  private constructor(bwrap: string, options: BwrapSandboxOptions, helper: SpawnHelper | undefined) {
    this.#helper = helper;
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
    this.#slots = opened.slots.map((slot, index) => new SlotLauncher(slot.uid, slot.cgroups, {
      dirFor: (turn) => this.#workspace.slotDir(index, turn),
      placeholders: (dir, plan) => this.#workspace.placeholders(dir, plan.names),
      spawn: (cgroup, dir, plan) => this.#spawnWaiter(slot.uid, cgroup, dir, plan),
    }));
  }

  /** Finds bwrap and proves with one tiny run that it can build namespaces here. */
  static async create(options: BwrapSandboxOptions): Promise<BwrapSandbox> {
    const bwrap = findBwrap();
    if (!bwrap) throw new SandboxError(`bubblewrap (bwrap) is not installed: ${INSTALL_HINT}`, { retryable: false });
    const python = findTools().get('python3')?.path;
    const helper = options.spawnHelper === false || !python ? undefined : await SpawnHelper.start(python);
    let sandbox: BwrapSandbox;
    try {
      sandbox = new BwrapSandbox(bwrap, options, helper);
    } catch (error) {
      helper?.close();
      throw error;
    }
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
    return { bwrap: this.#bwrap, uidDrop: uids.length > 0, uids, cgroups: this.#cgroups, cgroupJoin: this.#joinViaFds ? 'fds' : 'shell', seccomp: this.#seccomp?.arch, launcher: this.#helper ? 'helper' : 'node' };
  }

  /**
   * First pids of the sandboxes kept ready for the next runs. Their processes run as the slot
   * uids, so a check for leftovers of finished runs must look past these process trees.
   */
  async idleProcessIds(): Promise<number[]> {
    const pids = await Promise.all(this.#slots.map((s) => s.idlePid()));
    return pids.filter((p): p is number => p !== undefined);
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
      const { process: waiter, cgroup } = slot.take({ tool, names }, (dir) => this.#workspace.writeFiles(dir, request.files));
      cgroup?.setLimits(limits.memoryBytes, limits.pids + (this.#joinViaFds ? 0 : CHAIN_PROCESSES));
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
      const line = buildLaunchLine({ uidDrop: slot.uid !== undefined, limits, tool, toolArgs });
      const result = await waiter.run({
        stdin: line + (request.stdin ?? ''),
        wallMs: limits.wallMs,
        outputBytes: limits.outputBytes,
        signal: request.signal,
        onKill: () => cgroup?.kill(),
        softKill: (pid) => killBelow(pid, cgroup),
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

  #spawnWaiter(uid: number | undefined, cgroup: SlotCgroup | undefined, dir: string, plan: LaunchPlan): ContainedProcess {
    // Fresh opens per waiter: a shared fd would share its offset, and the next bwrap would read EOF.
    const passFiles: PassFile[] = this.#seccomp ? [{ path: this.#seccomp.path, write: false }] : [];
    const cgroupFiles = cgroup && this.#joinViaFds ? cgroup.procsFiles : [];
    const firstCgroupFd = SECCOMP_FD + passFiles.length;
    passFiles.push(...cgroupFiles.map((path) => ({ path, write: true })));
    const waiter = buildWaiter({
      bwrap: this.#bwrap,
      uid,
      join: !cgroup ? undefined : this.#joinViaFds ? { viaFds: cgroupFiles.map((_, i) => firstCgroupFd + i) } : { viaShell: cgroup.procsFiles },
      passwdFile: this.#workspace.passwdFile,
      groupFile: this.#workspace.groupFile,
      tool: plan.tool,
      binds: plan.names.map((name) => ({ host: join(dir, name), box: name })),
      statusFd: STATUS_FD,
      seccompFd: this.#seccomp ? SECCOMP_FD : undefined,
    });
    return ContainedProcess.spawn({
      file: waiter.file,
      args: waiter.args,
      cwd: this.#workspace.root,
      statusFd: true,
      passFiles,
      helper: this.#helper,
      softKill: (pid) => killBelow(pid, undefined),
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#slots.map((s) => s.close()));
    this.#helper?.close();
    releaseUids(this.#slots.map((s) => s.uid).filter((u): u is number => u !== undefined));
    this.#workspace.close();
  }
}
