import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { BwrapSandbox, findBwrap, INSTALL_HINT } from './bwrap-sandbox.ts';
import type { CgroupMode } from './detect-cgroups.ts';
import type { CgroupCapabilities } from './slot-cgroup.ts';
import { deniedSyscalls } from './seccomp-filter.ts';
import { findTools } from './tools.ts';
import { defaultWorkParent } from './workspace.ts';

export interface ProbeCheck {
  ok: boolean;
  detail: string;
}

/** What `codebench doctor` reports; `safe` decides its exit code. */
export interface IsolationReport {
  bwrap: ProbeCheck & { path?: string; version?: string };
  root: boolean;
  uidDrop: ProbeCheck & { uids: number[] };
  userNamespaces: ProbeCheck;
  cgroups: ProbeCheck & { mode: CgroupMode; enforces: string[] };
  seccomp: ProbeCheck & { on: boolean };
  zombies: ProbeCheck & { pid1Reaps: boolean | undefined; ownPidNamespace: boolean };
  toolchains: { name: string; path: string }[];
  /** Speed, not safety: where per-run files go, and whether RCU grace periods are expedited. */
  performance: { workParent: string; workParentTmpfs: boolean; rcuExpedited: boolean | undefined; launcher?: 'resident' | 'helper' | 'node'; idlePriority?: boolean; detail: string };
  /** Grading is safe: bwrap builds its namespaces and a test run came back isolated. */
  safe: boolean;
  /** Why it is not safe. */
  problems: string[];
  /** Safe, but weaker than it could be. */
  warnings: string[];
}

const PROBE_LIMITS = { wallMs: 10_000, cpuSeconds: 5, memoryBytes: 512 * 2 ** 20, pids: 16, fileSizeBytes: 2 ** 20, outputBytes: 65536 };

// Run inside: whether the seccomp filter answers. It lingers so the host side can see its uid.
const PYTHON_PROBE = `import ctypes, socket, time
try:
    socket.socket(socket.AF_VSOCK, socket.SOCK_STREAM); print('vsock allowed')
except OSError as e: print('vsock errno', e.errno)
libc = ctypes.CDLL(None, use_errno=True)
print('ptrace', libc.ptrace(0, 0, 0, 0), ctypes.get_errno())
time.sleep(0.3)
`;

/** Probes this machine the way grading would use it: one real sandbox, a few small runs. */
export async function probeIsolation(options: { slots?: number; reapWaitMs?: number } = {}): Promise<IsolationReport> {
  const root = process.getuid?.() === 0;
  const problems: string[] = [];
  const warnings: string[] = [];
  const toolchains = [...findTools().values()].map((t) => ({ name: t.name, path: t.path }));
  const path = findBwrap();
  const bwrap: IsolationReport['bwrap'] = path
    ? { ok: true, path, version: commandOutput(path, ['--version']), detail: '' }
    : { ok: false, detail: `not installed: ${INSTALL_HINT}` };
  if (bwrap.ok) bwrap.detail = `${bwrap.version ?? 'unknown version'} at ${path}`;
  else problems.push(`bubblewrap is ${bwrap.detail}`);
  if (process.platform !== 'linux') problems.push(`bubblewrap needs Linux, this is ${process.platform}`);

  const userNamespaces: ProbeCheck = { ok: false, detail: userNamespaceSettings() };
  const report: IsolationReport = {
    bwrap,
    root,
    uidDrop: { ok: false, uids: [], detail: 'not checked' },
    userNamespaces,
    cgroups: { ok: false, mode: 'none', enforces: [], detail: 'not checked' },
    seccomp: { ok: false, on: false, detail: 'not checked' },
    zombies: { ok: true, pid1Reaps: undefined, ownPidNamespace: false, detail: '' },
    toolchains,
    performance: performanceNotes(),
    safe: false,
    problems,
    warnings,
  };

  let sandbox: BwrapSandbox | undefined;
  if (bwrap.ok && process.platform === 'linux') {
    try {
      // As `codebench run` grades: at idle priority where this machine allows it.
      sandbox = await BwrapSandbox.create({ slots: options.slots ?? 1, idlePriority: true });
      userNamespaces.ok = true;
      userNamespaces.detail = `${userNamespaces.detail}; a sandboxed test run worked`;
    } catch (error) {
      userNamespaces.detail = `${userNamespaces.detail}; bwrap failed: ${(error as Error).message}`;
      problems.push(`bubblewrap cannot build its namespaces here: ${(error as Error).message}`);
    }
  }
  if (sandbox) {
    try {
      await describeSandbox(sandbox, report);
    } finally {
      await sandbox.close();
    }
  }

  const pid1Reaps = await pid1ReapsOrphans(options.reapWaitMs ?? 3000);
  const ownPidNamespace = report.uidDrop.ok;
  report.zombies = {
    pid1Reaps,
    ownPidNamespace,
    ok: ownPidNamespace || pid1Reaps !== false,
    detail: ownPidNamespace
      ? `each run has its own pid namespace, so bwrap's zombie (bubblewrap#697) is reaped by the kernel; PID 1 ${pid1Reaps === undefined ? 'was not checked' : pid1Reaps ? 'reaps orphans too' : 'does not reap orphans'}`
      : pid1Reaps === false
        ? 'PID 1 does not reap orphans: every run leaves a zombie bwrap (bubblewrap#697); run under an init (docker --init, tini) or as root'
        : 'PID 1 reaps the zombie bwrap each run leaves (bubblewrap#697)',
  };
  if (!report.zombies.ok) warnings.push(report.zombies.detail);
  report.safe = problems.length === 0;
  return report;
}

async function describeSandbox(sandbox: BwrapSandbox, report: IsolationReport): Promise<void> {
  const info = sandbox.isolation;
  const { warnings, problems } = report;
  report.performance.launcher = info.launcher;
  report.performance.detail += info.launcher === 'resident'
    ? '; one resident bwrap per slot, each run in fresh mount, pid and IPC namespaces inside it'
    : info.launcher === 'helper'
      ? `; a bwrap per run, spawned by the vfork helper (python3)${info.residentOff ? `; no resident sandboxes: ${info.residentOff}` : ''}`
      : '; a bwrap per run, spawned by forking Node (no python3 for the vfork helper: slower)';
  report.performance.idlePriority = info.idlePriority;
  report.performance.detail += info.idlePriority
    ? '; `codebench run` grades at SCHED_IDLE, yielding the CPU to model requests at once (a run starved at its wall limit is unscored, told apart by cpu.pressure)'
    : '; `codebench run` grades at nice 10 only: without cpu.pressure (PSI) in the slot cgroups a run starved by other work could not be told from a hang';
  let hostUid: string | undefined;
  let inside = '';
  if (sandbox.hasTool('python3')) {
    const run = sandbox.run({ files: { 'codebench-probe.py': PYTHON_PROBE }, argv: ['python3', '-I', 'codebench-probe.py'], limits: PROBE_LIMITS });
    let done = false;
    void run.finally(() => (done = true)).catch(() => undefined);
    // The uid inside is always 1000 behind bwrap's nested user namespaces; only the host sees the real one.
    while (!done && hostUid === undefined) {
      hostUid = hostUidOf('codebench-probe.py');
      await sleep(20);
    }
    inside = await run.then((r) => r.stdout, (e: Error) => `error ${e.message}`);
  }

  if (info.uidDrop) {
    const expected = info.uids.includes(Number(hostUid));
    report.uidDrop = {
      ok: hostUid === undefined || expected,
      uids: info.uids,
      detail: `root drops each slot to its own uid (${info.uids[0]}…)${hostUid ? `; a test run ran as host uid ${hostUid}` : ''}`,
    };
    if (hostUid === '0') problems.push('a sandboxed run ran as host root');
  } else {
    report.uidDrop = { ok: false, uids: [], detail: 'not root: runs keep your uid, RLIMIT_NPROC is not applied, and there are no per-slot uids' };
    warnings.push(report.uidDrop.detail);
  }

  const caps = info.cgroups.capabilities;
  const join = info.cgroupJoin === 'fds' ? 'runs join through fds we open (Linux ≥ 5.16)' : 'runs join through a root shell';
  report.cgroups = { ok: info.cgroups.mode !== 'none', mode: info.cgroups.mode, enforces: caps ? enforced(caps) : [], detail: caps ? `${info.cgroups.reason}; ${join}` : info.cgroups.reason };
  if (!report.cgroups.ok) warnings.push(`no cgroups (${info.cgroups.reason}): memory is only limited per process (RLIMIT_AS, V8 heap), CPU time is not measured, and OOM kills are not detected`);

  if (!info.seccomp) {
    report.seccomp = { ok: false, on: false, detail: `off: no syscall table for ${process.arch}` };
    warnings.push(`seccomp is off (${process.arch}): AF_VSOCK and kernel attack surface such as io_uring and bpf stay reachable`);
  } else {
    const vsock = /vsock (errno \d+|allowed)/.exec(inside)?.[1];
    const ptrace = /ptrace (-?\d+) (\d+)/.exec(inside);
    const verified = vsock === 'errno 97' && ptrace?.[1] === '-1' && ptrace[2] === '1';
    const denied = deniedSyscalls(info.seccomp);
    report.seccomp = {
      on: true,
      ok: inside === '' || verified,
      detail: `${info.seccomp} deny-list of ${denied.length} syscalls + socket(AF_VSOCK)${inside === '' ? '' : verified ? '; verified: AF_VSOCK and ptrace denied inside' : `; NOT verified (vsock: ${vsock}, ptrace: ${ptrace?.[0]})`}`,
    };
    if (!report.seccomp.ok) problems.push(`the seccomp filter did not take effect: ${report.seccomp.detail}`);
  }
}

function performanceNotes(): IsolationReport['performance'] {
  const workParent = defaultWorkParent();
  const workParentTmpfs = workParent !== tmpdir() || isTmpfs(workParent);
  let rcu: string | undefined;
  try {
    rcu = readFileSync('/sys/kernel/rcu_expedited', 'utf8').trim();
  } catch {
    rcu = undefined;
  }
  const rcuExpedited = rcu === undefined ? undefined : rcu !== '0';
  const notes = [`per-run files in ${workParent}${workParentTmpfs ? ' (tmpfs)' : ' (disk: slower)'}`];
  // Measured here under load: 105 ms against 74 ms per sandboxed `python3 -c pass`.
  if (rcuExpedited === false) notes.push('rcu_expedited is 0: namespace setup, teardown and cgroup moves wait for RCU grace periods; `echo 1 > /sys/kernel/rcu_expedited` makes runs faster on a busy machine');
  return { workParent, workParentTmpfs, rcuExpedited, detail: notes.join('; ') };
}

function isTmpfs(dir: string): boolean {
  try {
    return statfsSync(dir).type === 0x01021994;
  } catch {
    return false;
  }
}

function enforced(caps: CgroupCapabilities): string[] {
  return [
    caps.memory && `memory limit${caps.swapLimit ? ' (swap 0)' : ' (no swap accounting)'}`,
    caps.pids && 'pids.max',
    caps.oomDetection && 'OOM-kill detection',
    caps.cpuTime && 'CPU time',
    caps.kill ? 'cgroup.kill' : 'kill by SIGKILL loop',
  ].filter((x): x is string => typeof x === 'string');
}

function hostUidOf(argvPart: string): string | undefined {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(argvPart)) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (/^Name:\s+python/m.test(status)) return /^Uid:\s+(\d+)/m.exec(status)?.[1];
    } catch {
      /* gone meanwhile */
    }
  }
  return undefined;
}

function userNamespaceSettings(): string {
  const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8').trim() : undefined);
  const parts = [`max_user_namespaces ${read('/proc/sys/user/max_user_namespaces') ?? '?'}`];
  const clone = read('/proc/sys/kernel/unprivileged_userns_clone');
  if (clone !== undefined) parts.push(`unprivileged_userns_clone ${clone}`);
  const apparmor = read('/proc/sys/kernel/apparmor_restrict_unprivileged_userns');
  if (apparmor !== undefined) parts.push(`apparmor_restrict_unprivileged_userns ${apparmor}`);
  return parts.join(', ');
}

/** Leaves an orphan that exits at once, and watches whether it stays a zombie. */
async function pid1ReapsOrphans(waitMs: number): Promise<boolean | undefined> {
  const out = spawnSync('/bin/sh', ['-c', '/bin/sleep 0 & echo $!'], { encoding: 'utf8', env: {} });
  const pid = Number(out.stdout.trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  const end = performance.now() + waitMs;
  while (performance.now() < end) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return true;
    }
    // A reused pid means ours was reaped; `sleep` still running or a zombie means wait.
    if (!stat.includes('(sleep)') || !/\) [ZRSD] /.test(stat)) return true;
    await sleep(50);
  }
  return false;
}

function commandOutput(file: string, args: string[]): string | undefined {
  try {
    return execFileSync(file, args, { encoding: 'utf8', env: {}, timeout: 5000 }).trim();
  } catch {
    return undefined;
  }
}
