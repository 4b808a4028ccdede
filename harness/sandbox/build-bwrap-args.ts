import type { SandboxLimits } from './sandbox.ts';
import type { Tool } from './tools.ts';

export interface ChainOptions {
  /** Absolute path of the bwrap binary. */
  bwrap: string;
  /** Host uid and gid to run as; `undefined` when we are not root and already unprivileged. */
  uid: number | undefined;
  limits: SandboxLimits;
  tool: Tool;
  toolArgs: string[];
  /** Host file → path under /box, bound read-only. */
  binds: { host: string; box: string }[];
  /** Synthetic passwd and group files, so `os.userInfo()` and `getpass` work inside. */
  passwdFile: string;
  groupFile: string;
}

const WORKSPACE_BYTES = 256 * 2 ** 20;
const TMP_BYTES = 64 * 2 ** 20;
const SHM_BYTES = 16 * 2 ** 20;

/**
 * The launch chain from ../shared/docs/sandbox.md §4.1: setpriv (per-slot uid) → prlimit → bwrap →
 * tool. Every writable place is a sized tmpfs and the root is read-only, because a bound host
 * directory let 5 GiB reach the disk in the experiments.
 */
export function buildChain(options: ChainOptions): { file: string; args: string[] } {
  const { limits, tool } = options;
  const prlimit = [
    `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`,
    `--fsize=${limits.fileSizeBytes}`,
    '--nofile=256',
    '--core=0',
  ];
  // RLIMIT_NPROC counts every process of the real uid, so it is only meaningful under our own uid.
  if (options.uid !== undefined) prlimit.push(`--nproc=${limits.pids}`);
  if (tool.addressSpaceLimit) prlimit.push(`--as=${limits.memoryBytes}`);

  const bwrap = [
    '--unshare-all',
    '--unshare-user',
    '--disable-userns',
    '--die-with-parent',
    '--new-session',
    '--clearenv',
    ...['--setenv', 'PATH', '/usr/local/bin:/usr/bin:/bin'],
    ...['--setenv', 'HOME', '/box'],
    ...['--setenv', 'TMPDIR', '/tmp'],
    ...['--setenv', 'LANG', 'C.UTF-8'],
    ...['--setenv', 'PYTHONDONTWRITEBYTECODE', '1'],
    ...['--setenv', 'PYTHONHASHSEED', '0'],
    ...['--setenv', 'OMP_NUM_THREADS', '1'],
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
  if (!tool.path.startsWith('/usr/')) bwrap.push('--ro-bind', tool.path, tool.path);
  for (const bind of options.binds) bwrap.push('--ro-bind', bind.host, `/box/${bind.box}`);
  bwrap.push('--chdir', '/box', '--remount-ro', '/', '--json-status-fd', '3', '--');

  const payload = [tool.path, ...(tool.memoryArgs?.(limits.memoryBytes) ?? []), ...options.toolArgs];
  const chain = ['/usr/bin/prlimit', ...prlimit, '--', options.bwrap, ...bwrap, ...payload];
  if (options.uid === undefined) return { file: chain[0]!, args: chain.slice(1) };
  return {
    file: '/usr/bin/setpriv',
    args: [`--reuid=${options.uid}`, `--regid=${options.uid}`, '--clear-groups', '--', ...chain],
  };
}
