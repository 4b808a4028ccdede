import type { SandboxLimits } from './sandbox.ts';
import type { Tool } from './tools.ts';

/**
 * The launch chain from ../shared/docs/sandbox.md §4.1, split in two:
 *
 *   waiter, spawned ahead of the run:
 *     unshare --pid --fork (drops to the slot uid) → bwrap → sh inside the finished sandbox,
 *     which joins the slot's cgroups and reads one line from stdin
 *   launch line, written to its stdin when the run starts:
 *     ulimit … ; exec tool args
 *
 * Everything slow happens before the run: joining a cgroup and bwrap's pivot_root and unmount
 * each wait for an RCU grace period (10–30 ms each on a busy machine). The run's files are bound
 * in at setup and rewritten in place when the run starts, so a bind shows the new contents.
 * The shell's own `ulimit` and unshare's --setuid/--setgid replace prlimit and setpriv: the same
 * limits and the same uid drop with two fewer programs.
 *
 * The shell inside joins the cgroups by writing 0 to `cgroup.procs` files we opened as root and
 * handed down as fds: since Linux 5.16 the kernel checks the opener's credentials, so no root
 * shell has to stand in front of the chain, and only the code's own processes are in the groups.
 * It closes those fds before the tool starts. Older kernels get the root shell.
 *
 * The outer pid namespace exists for bubblewrap#697: bwrap leaves its namespace init as a zombie
 * of the slot uid for PID 1 to reap; inside our own namespace the kernel reaps it when the
 * namespace ends, so zombies never pile up against RLIMIT_NPROC, whatever PID 1 does. It needs
 * root, as does the uid drop.
 */
export interface WaiterOptions {
  /** Absolute path of the bwrap binary. */
  bwrap: string;
  /** Host uid and gid of the slot; `undefined` when we are not root. */
  uid: number | undefined;
  /** How the payload joins the slot's cgroups, if there are any. */
  join?: { viaFds: number[] } | { viaShell: string[] };
  /** Synthetic passwd and group files, so `os.userInfo()` and `getpass` work inside. */
  passwdFile: string;
  groupFile: string;
  /** The tool the run will start: its own binds come in at setup. */
  tool: Tool;
  /** Host file → path under /box, bound read-only. */
  binds: { host: string; box: string }[];
  /** Child fd for bwrap's JSON status lines. */
  statusFd: number;
  /** Child fd holding the compiled seccomp filter. */
  seccompFd?: number;
}

export interface LaunchOptions {
  /** Whether the chain dropped to a slot uid (RLIMIT_NPROC only means something then). */
  uidDrop: boolean;
  limits: SandboxLimits;
  tool: Tool;
  toolArgs: string[];
}

/** The whole environment of sandboxed code. */
const SANDBOX_ENV: Record<string, string> = {
  PATH: '/usr/local/bin:/usr/bin:/bin',
  HOME: '/box',
  TMPDIR: '/tmp',
  LANG: 'C.UTF-8',
  PYTHONDONTWRITEBYTECODE: '1',
  PYTHONHASHSEED: '0',
  OMP_NUM_THREADS: '1',
};

const WORKSPACE_BYTES = 256 * 2 ** 20;
const TMP_BYTES = 64 * 2 ** 20;
const SHM_BYTES = 16 * 2 ** 20;

// Joining before exec means nothing the chain starts can fork outside the groups. PWD is unset
// because bwrap, the sandbox's pid 1, would carry it, and its environ is readable inside.
const JOIN_CGROUPS = 'unset PWD; n=$1; shift; while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 111; shift; n=$((n - 1)); done; exec "$@"';
// Inside the sandbox. The line is shell words we quoted ourselves.
const READ_LINE = "nl='\n'; IFS= read -r line || exit 112; eval \"$line\"; exec \"$@\"";

function joinViaFds(fds: number[]): string {
  if (fds.length === 0) return '';
  return `${fds.map((fd) => `echo 0 >&${fd}`).join(' && ')} || exit 111; exec ${fds.map((fd) => `${fd}>&-`).join(' ')}; `;
}

/** The process to spawn ahead of a run: a finished sandbox whose shell waits for its launch line. */
export function buildWaiter(options: WaiterOptions): { file: string; args: string[] } {
  const { tool } = options;
  const bwrap = [...fixedBwrapFlags(options), ...toolBinds(tool)];
  for (const bind of options.binds) bwrap.push('--ro-bind', bind.host, `/box/${bind.box}`);
  // Last: bwrap's root tmpfs is otherwise writable and unsized.
  bwrap.push('--chdir', '/box', '--remount-ro', '/', '--json-status-fd', String(options.statusFd));
  if (options.seccompFd !== undefined) bwrap.push('--seccomp', String(options.seccompFd));
  const fds = options.join && 'viaFds' in options.join ? options.join.viaFds : [];
  bwrap.push('--', '/bin/sh', '-c', joinViaFds(fds) + READ_LINE, 'sh');

  const chain = asSlotUid(options.uid, [options.bwrap, ...bwrap]);
  if (!options.join || !('viaShell' in options.join)) return { file: chain[0]!, args: chain.slice(1) };
  const procs = options.join.viaShell;
  return { file: '/bin/sh', args: ['-c', JOIN_CGROUPS, 'sh', String(procs.length), ...procs, ...chain] };
}

export interface ResidentOptions {
  bwrap: string;
  uid: number | undefined;
  passwdFile: string;
  groupFile: string;
  /** Every tool a run may start: all their binds come in once, at setup. */
  tools: Tool[];
  /** Host folders of the slot's two turns, shown read-only as /in/a and /in/b. */
  turnDirs: [string, string];
  /** The compiled ./sandbox-enter.c, the spawn helper script and the seccomp filter. */
  enter: string;
  helperScript: string;
  python: string;
  seccompFile?: string;
  /** How many fds the helper inherits from fd 3 on (the turns' cgroup.procs files). */
  keptFds: number;
  /** bwrap's new session is a new scheduler autogroup; the helper lowers it to nice 19 (see ./spawn-helper.py). */
  lowerAutogroup?: boolean;
}

export const RESIDENT_ENTER = '/cb/enter';
export const RESIDENT_SECCOMP = '/cb/seccomp';
export const RESIDENT_TURNS = ['/in/a', '/in/b'] as const;

/**
 * A slot's resident sandbox (./resident-slot.ts): the same namespaces, root and uid drop as a
 * waiter, built once, around a spawn helper that keeps every capability inside its own user
 * namespace, so that ./sandbox-enter.c can give each run fresh mount, PID and IPC namespaces.
 */
export function buildResident(options: ResidentOptions): { file: string; args: string[] } {
  const bwrap = [...fixedBwrapFlags(options), '--cap-add', 'ALL', ...options.tools.flatMap(toolBinds)];
  bwrap.push('--ro-bind', options.turnDirs[0], RESIDENT_TURNS[0], '--ro-bind', options.turnDirs[1], RESIDENT_TURNS[1]);
  bwrap.push('--ro-bind', options.enter, RESIDENT_ENTER, '--ro-bind', options.helperScript, '/cb/spawn-helper.py');
  if (options.seccompFile) bwrap.push('--ro-bind', options.seccompFile, RESIDENT_SECCOMP);
  bwrap.push('--chdir', '/box', '--remount-ro', '/');
  const keep = Array.from({ length: options.keptFds }, (_, i) => String(3 + i)).join(',');
  bwrap.push('--', options.python, '-I', '-S', '-B', '/cb/spawn-helper.py', ...(options.lowerAutogroup ? ['--autogroup-nice', '19'] : []), ...(keep ? ['--keep', keep] : []));
  const chain = asSlotUid(options.uid, [options.bwrap, ...bwrap]);
  return { file: chain[0]!, args: chain.slice(1) };
}

/** A tool's own binds: its binary when it lives outside /usr, and its folders where they exist. */
function toolBinds(tool: Tool): string[] {
  const binds = tool.path.startsWith('/usr/') ? [] : ['--ro-bind', tool.path, tool.path];
  for (const mount of tool.mounts ?? []) binds.push('--ro-bind-try', mount.host, mount.path);
  return binds;
}

/** As root: the chain behind `unshare`, which drops to the slot uid in a pid namespace of its own. */
function asSlotUid(uid: number | undefined, chain: string[]): string[] {
  if (uid === undefined) return chain;
  const id = String(uid);
  // --setgid also drops the supplementary groups.
  return ['/usr/bin/unshare', '--pid', '--fork', '--kill-child', '--setgid', id, '--setuid', id, '--', ...chain];
}

export interface EnterOptions extends LaunchOptions {
  turn: 0 | 1;
  names: string[];
  statusFd: number;
  seccompFd?: number;
  cgroupFds: number[];
  /** Processes of the slot uid that are not the run's own: RLIMIT_NPROC counts them too. */
  chainProcesses: number;
  /** Folders of other tools to cover for this run (see `foldersToHide`). */
  hide: string[];
}

// Folders every run sees anyway; the rest of the root is only what tools bring.
const SYSTEM_TOPS = new Set(['/usr', '/etc', '/bin', '/sbin', '/lib', '/lib64', '/proc', '/dev', '/tmp', '/box', '/cb', '/in']);

/**
 * The top folders that only other tools' binds bring into a resident sandbox: the toolchain cache
 * under the project's node_modules, a Node outside /usr. A run sees only its own tool's, as it
 * did with a bwrap per run, so Python code finds no project folder at all.
 */
export function foldersToHide(tools: Tool[], tool: Tool): string[] {
  const tops = (t: Tool) => [t.path, ...(t.mounts ?? []).map((m) => m.path)].map((p) => `/${p.split('/')[1]}`).filter((p) => !SYSTEM_TOPS.has(p));
  const own = new Set(tops(tool));
  return [...new Set(tools.flatMap(tops))].filter((p) => !own.has(p)).sort();
}

/** The arguments of ./sandbox-enter.c for one run in a resident sandbox. */
export function buildEnterArgs(options: EnterOptions): string[] {
  const { limits, tool } = options;
  const args = ['--status-fd', String(options.statusFd)];
  if (options.seccompFd !== undefined) args.push('--seccomp-fd', String(options.seccompFd));
  for (const fd of options.cgroupFds) args.push('--cgroup-fd', String(fd));
  const fileBytes = String(Math.ceil(limits.fileSizeBytes / 512) * 512);
  args.push('--limit', 'cpu', String(limits.cpuSeconds), String(limits.cpuSeconds + 1), '--limit', 'fsize', fileBytes, fileBytes);
  args.push('--limit', 'nofile', '256', '256', '--limit', 'core', '0', '0');
  if (options.uidDrop) args.push('--limit', 'nproc', String(limits.pids + options.chainProcesses), String(limits.pids + options.chainProcesses));
  if (tool.addressSpaceLimit) args.push('--limit', 'as', String(Math.floor(limits.memoryBytes / 1024) * 1024), String(Math.floor(limits.memoryBytes / 1024) * 1024));
  args.push('--remount-ro', '/dev');
  // Both turns' files (this run's were bound above) and the slot's own programs.
  for (const dir of [...options.hide, '/in', '/cb']) args.push('--hide', dir);
  args.push('--tmpfs', '/box', String(WORKSPACE_BYTES), '0755', '--tmpfs', '/tmp', String(TMP_BYTES), '1777', '--tmpfs', '/dev/shm', String(SHM_BYTES), '1777');
  for (const name of options.names) args.push('--bind', `${RESIDENT_TURNS[options.turn]}/${name}`, `/box/${name}`);
  for (const [name, value] of Object.entries(SANDBOX_ENV)) args.push('--setenv', name, value);
  args.push('--chdir', '/box', '--', tool.path, tool.path, ...(tool.memoryArgs?.(limits.memoryBytes) ?? []), ...options.toolArgs);
  return args;
}

/** The one line that starts the run inside a waiter: rlimits, then the tool. */
export function buildLaunchLine(options: LaunchOptions): string {
  const { limits, tool } = options;
  const ulimits = [
    `-S -t ${limits.cpuSeconds}`,
    `-H -t ${limits.cpuSeconds + 1}`,
    `-f ${Math.ceil(limits.fileSizeBytes / 512)}`,
    '-n 256',
    '-c 0',
  ];
  // RLIMIT_NPROC counts every process of the real uid, so it is only meaningful under our own uid.
  if (options.uidDrop) ulimits.push(`-p ${limits.pids}`);
  if (tool.addressSpaceLimit) ulimits.push(`-v ${Math.floor(limits.memoryBytes / 1024)}`);
  const argv = [tool.path, ...(tool.memoryArgs?.(limits.memoryBytes) ?? []), ...options.toolArgs];
  return `${ulimits.map((u) => `ulimit ${u} || exit 113`).join('; ')}; set -- ${argv.map(quote).join(' ')}\n`;
}

/** POSIX single quoting; a newline becomes "$nl" so the line stays one line. */
export function quote(word: string): string {
  return `'${word.replaceAll("'", "'\\''").replaceAll('\n', `'"$nl"'`)}'`;
}

/**
 * Every writable place is a sized tmpfs and the root is read-only, because a bound host directory
 * let 5 GiB reach the disk in the experiments.
 */
function fixedBwrapFlags(options: Pick<WaiterOptions, 'passwdFile' | 'groupFile'>): string[] {
  return [
    '--unshare-all',
    '--unshare-user',
    '--disable-userns',
    '--die-with-parent',
    '--new-session',
    '--clearenv',
    ...Object.entries(SANDBOX_ENV).flatMap(([name, value]) => ['--setenv', name, value]),
    ...['--hostname', 'sandbox', '--uid', '1000', '--gid', '1000'],
    ...['--ro-bind', '/usr', '/usr'],
    ...['--symlink', 'usr/bin', '/bin', '--symlink', 'usr/sbin', '/sbin'],
    ...['--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64'],
    ...['--ro-bind', '/etc/ld.so.cache', '/etc/ld.so.cache'],
    ...['--ro-bind-try', '/etc/alternatives', '/etc/alternatives'],
    ...['--ro-bind-try', '/etc/localtime', '/etc/localtime'],
    ...['--ro-bind', options.passwdFile, '/etc/passwd'],
    ...['--ro-bind', options.groupFile, '/etc/group'],
    ...['--proc', '/proc', '--dev', '/dev'],
    ...['--size', String(TMP_BYTES), '--tmpfs', '/tmp'],
    // bwrap's /dev tmpfs has no size of its own: without this /dev/shm could take half the RAM.
    ...['--size', String(SHM_BYTES), '--tmpfs', '/dev/shm'],
    ...['--size', String(WORKSPACE_BYTES), '--tmpfs', '/box'],
  ];
}
