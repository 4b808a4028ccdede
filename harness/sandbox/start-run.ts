import { closeSync, constants, openSync } from 'node:fs';
import { join } from 'node:path';
import { SandboxError } from '../core/errors.ts';
import { buildEnterArgs, buildLaunchLine, buildResident, buildWaiter, foldersToHide, RESIDENT_ENTER, RESIDENT_SECCOMP } from './build-bwrap-args.ts';
import type { PassFile } from './child-handle.ts';
import { killBelow } from './kill-below.ts';
import type { ResidentSlot } from './resident-slot.ts';
import { ContainedProcess } from './run-contained.ts';
import type { SandboxRequest } from './sandbox.ts';
import type { SeccompArch } from './seccomp-filter.ts';
import type { SlotCgroup } from './slot-cgroup.ts';
import type { LaunchPlan, SlotLauncher } from './slot-launcher.ts';
import { SPAWN_HELPER_SCRIPT, SpawnHelper } from './spawn-helper.ts';
import type { Tool } from './tools.ts';
import type { Workspace } from './workspace.ts';

/** What a BwrapSandbox hands to the code that starts its runs. */
export interface RunContext {
  bwrap: string;
  workspace: Workspace;
  tools: Map<string, Tool>;
  seccomp: { arch: SeccompArch; path: string } | undefined;
  /** Cgroups are joined through fds we opened (Linux 5.16 on), not a root shell. */
  joinViaFds: boolean;
  /** The vfork helper on the host, if python3 is there. */
  helper: SpawnHelper | undefined;
  /** Sandboxes at idle priority: SCHED_IDLE, in a scheduler autogroup niced to 19. */
  idle: boolean;
}

/** A run spawned and ready to start: its stdin starts it. */
export interface StartedRun {
  process: ContainedProcess;
  cgroup: SlotCgroup | undefined;
  stdin: string;
  softKill: (pid: number) => boolean;
}

// With a root shell in front, the chain's own processes are in the slot's cgroup too: unshare,
// the outer bwrap and bwrap's pid 1.
const CHAIN_PROCESSES = 3;
const STATUS_FD = 3;
const SECCOMP_FD = 4;
// Processes of a slot uid beside a run's own in a resident sandbox: unshare, bwrap and its pid 1,
// the helper, and per run in flight (two at most, in turns) sandbox-enter and its namespace's init.
const RESIDENT_CHAIN = 8;
/** Put in front of a program to start it, and all it starts, at SCHED_IDLE. */
export const IDLE_PREFIX = ['/usr/bin/chrt', '--idle', '0'];

/** A run in the slot's waiter (./slot-launcher.ts): its launch line sets the limits and starts the tool. */
export function startWaiterRun(ctx: RunContext, slot: SlotLauncher, tool: Tool, toolArgs: string[], names: string[], request: SandboxRequest): StartedRun {
  const { limits } = request;
  const { process, cgroup } = slot.take({ tool, names }, (dir) => ctx.workspace.writeFiles(dir, request.files));
  cgroup?.setLimits(limits.memoryBytes, limits.pids + (ctx.joinViaFds ? 0 : CHAIN_PROCESSES));
  const line = buildLaunchLine({ uidDrop: slot.uid !== undefined, limits, tool, toolArgs });
  return { process, cgroup, stdin: line + (request.stdin ?? ''), softKill: (pid) => killBelow(pid, cgroup) };
}

/** A run in the slot's resident sandbox (./resident-slot.ts), through ./sandbox-enter.c. */
export async function startResidentRun(ctx: RunContext, slot: ResidentSlot, tool: Tool, toolArgs: string[], names: string[], request: SandboxRequest): Promise<StartedRun> {
  const { limits } = request;
  const turn = await slot.take();
  ctx.workspace.writeFiles(turn.dir, request.files);
  const { cgroup } = turn;
  cgroup?.setLimits(limits.memoryBytes, limits.pids);
  // The helper opens the filter afresh for each run: a shared fd would share its offset.
  const passFiles: PassFile[] = ctx.seccomp ? [{ path: RESIDENT_SECCOMP, write: false }] : [];
  const args = buildEnterArgs({
    uidDrop: slot.uid !== undefined,
    limits,
    tool,
    toolArgs,
    turn: turn.turn,
    names,
    statusFd: STATUS_FD,
    seccompFd: ctx.seccomp ? SECCOMP_FD : undefined,
    cgroupFds: turn.keptCgroupFds.map((_, i) => SECCOMP_FD + passFiles.length + i),
    chainProcesses: RESIDENT_CHAIN,
    hide: foldersToHide([...ctx.tools.values()], tool),
  });
  const process = ContainedProcess.spawn({ file: RESIDENT_ENTER, args, cwd: '/', statusFd: true, passFiles, passKept: turn.keptCgroupFds, killWithTerm: true, sameSession: true, helper: turn.helper });
  // The cgroup holds only the run's own processes; killing them lets sandbox-enter report the exit.
  const softKill = () => {
    if (!cgroup) return false;
    cgroup.kill();
    return true;
  };
  return { process, cgroup, stdin: request.stdin ?? '', softKill };
}

/** Starts a slot's resident sandbox; its helper inherits both turns' cgroup.procs fds, opened here as root. */
export async function launchResident(ctx: RunContext, uid: number | undefined, cgroups: SlotCgroup[], index: number, enter: string): Promise<SpawnHelper> {
  const files = cgroups.flatMap((g) => g.procsFiles);
  const fds = files.map((path) => openSync(path, constants.O_WRONLY));
  try {
    const { file, args } = buildResident({
      bwrap: ctx.bwrap,
      uid,
      passwdFile: ctx.workspace.passwdFile,
      groupFile: ctx.workspace.groupFile,
      tools: [...ctx.tools.values()],
      turnDirs: [ctx.workspace.slotDir(index, 0), ctx.workspace.slotDir(index, 1)],
      enter,
      helperScript: SPAWN_HELPER_SCRIPT,
      python: ctx.tools.get('python3')!.path,
      seccompFile: ctx.seccomp?.path,
      keptFds: fds.length,
      lowerAutogroup: ctx.idle,
    });
    const [first = file, ...rest] = [...(ctx.idle ? IDLE_PREFIX : []), file, ...args];
    return await SpawnHelper.launch({ file: first, args: rest, passFds: fds, remote: true });
  } catch (error) {
    throw new SandboxError(`could not start the resident sandbox of slot ${index}: ${(error as Error).message}`, { cause: error });
  } finally {
    for (const fd of fds) closeSync(fd);
  }
}

export function spawnWaiter(ctx: RunContext, uid: number | undefined, cgroup: SlotCgroup | undefined, dir: string, plan: LaunchPlan): ContainedProcess {
  // Fresh opens per waiter: a shared fd would share its offset, and the next bwrap would read EOF.
  const passFiles: PassFile[] = ctx.seccomp ? [{ path: ctx.seccomp.path, write: false }] : [];
  const cgroupFiles = cgroup && ctx.joinViaFds ? cgroup.procsFiles : [];
  const firstCgroupFd = SECCOMP_FD + passFiles.length;
  passFiles.push(...cgroupFiles.map((path) => ({ path, write: true })));
  const waiter = buildWaiter({
    bwrap: ctx.bwrap,
    uid,
    join: !cgroup ? undefined : ctx.joinViaFds ? { viaFds: cgroupFiles.map((_, i) => firstCgroupFd + i) } : { viaShell: cgroup.procsFiles },
    passwdFile: ctx.workspace.passwdFile,
    groupFile: ctx.workspace.groupFile,
    tool: plan.tool,
    binds: plan.names.map((name) => ({ host: join(dir, name), box: name })),
    statusFd: STATUS_FD,
    seccompFd: ctx.seccomp ? SECCOMP_FD : undefined,
  });
  return ContainedProcess.spawn({
    file: waiter.file,
    args: waiter.args,
    cwd: ctx.workspace.root,
    statusFd: true,
    passFiles,
    helper: ctx.helper,
    softKill: (pid) => killBelow(pid, undefined),
  });
}

