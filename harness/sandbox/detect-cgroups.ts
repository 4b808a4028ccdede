import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `v2`: one unified tree whose delegated part has the memory and pids controllers.
 * `v1`: separate memory and pids hierarchies.
 * `hybrid`: v1 memory and pids, plus a controller-less cgroup2 tree used for `cgroup.kill`,
 * `cgroup.events` and `cpu.stat`.
 * `none`: no usable cgroups; rlimits, the pid namespace and sized tmpfs carry the load.
 */
export type CgroupMode = 'v2' | 'v1' | 'hybrid' | 'none';

/** Where each role's groups go: a folder under which `codebench/<instance>/slot-<n>` is made. */
export interface CgroupLayout {
  mode: CgroupMode;
  /** One line: why this mode, and for `none` what is missing. */
  reason: string;
  memory?: string;
  pids?: string;
  /** A cgroup2 folder for kill, events and CPU time (in v2 the same as `memory`). */
  unified?: string;
  /** v1 CPU accounting, used only when there is no cgroup2 tree. */
  cpuacct?: string;
  /** v2 only: the parent needs `+memory +pids` written to its `cgroup.subtree_control`. */
  enableControllers?: boolean;
}

export interface DetectOptions {
  /** Where the cgroup filesystems are mounted (default `/sys/fs/cgroup`). */
  root?: string;
  /** Contents of `/proc/self/cgroup`. */
  selfCgroup?: string;
}

const NEEDED = ['memory', 'pids'];

/** Reads the cgroup mounts and our own cgroup; writes nothing. */
export function detectCgroups(options: DetectOptions = {}): CgroupLayout {
  const root = options.root ?? '/sys/fs/cgroup';
  const selfCgroup = options.selfCgroup ?? readOr('/proc/self/cgroup', '');
  if (existsSync(join(root, 'cgroup.controllers'))) return detectV2(root, selfCgroup);

  const v1 = (name: string) => (existsSync(join(root, name, 'cgroup.procs')) ? join(root, name) : undefined);
  const memory = v1('memory');
  const pids = v1('pids');
  const unifiedDir = join(root, 'unified');
  const unified = existsSync(join(unifiedDir, 'cgroup.controllers')) && writable(unifiedDir) ? unifiedDir : undefined;
  if (!memory || !pids) {
    const missing = [memory ? '' : 'memory', pids ? '' : 'pids'].filter(Boolean).join(' and ');
    return { mode: 'none', reason: existsSync(root) ? `no cgroup v1 ${missing} hierarchy under ${root}` : `${root} does not exist` };
  }
  if (!writable(memory) || !writable(pids)) {
    return { mode: 'none', reason: `cgroup v1 ${memory} and ${pids} are not writable (not root?)` };
  }
  const cpuacct = unified ? undefined : v1('cpuacct');
  return {
    mode: unified ? 'hybrid' : 'v1',
    reason: unified ? `v1 memory and pids; ${unified} for cgroup.kill, cgroup.events and cpu.stat` : 'v1 memory and pids',
    memory,
    pids,
    unified,
    cpuacct: cpuacct && writable(cpuacct) ? cpuacct : undefined,
  };
}

function detectV2(root: string, selfCgroup: string): CgroupLayout {
  const available = words(readOr(join(root, 'cgroup.controllers'), ''));
  const missing = NEEDED.filter((c) => !available.includes(c));
  if (missing.length > 0) return { mode: 'none', reason: `cgroup v2 at ${root} lacks the ${missing.join(' and ')} controller` };

  const own = /^0::(\/.*)$/m.exec(selfCgroup)?.[1] ?? '/';
  const parent = own === '/' ? undefined : own.slice(0, own.lastIndexOf('/')) || '/';
  // A delegated unit (systemd Delegate=yes) puts us in a leaf such as <unit>/supervisor, with the
  // controllers already enabled for the unit's children: use the unit.
  if (parent && parent !== '/') {
    const dir = join(root, parent);
    if (NEEDED.every((c) => words(readOr(join(dir, 'cgroup.subtree_control'), '')).includes(c)) && writable(dir)) {
      return { mode: 'v2', reason: `cgroup v2, delegated subtree ${dir}`, memory: dir, pids: dir, unified: dir };
    }
  }
  // The namespace's root cgroup may hold processes and still enable controllers for its children.
  if (!writable(root)) return { mode: 'none', reason: `cgroup v2 at ${root} is not writable and no delegated subtree was found (not root?)` };
  const enabled = words(readOr(join(root, 'cgroup.subtree_control'), ''));
  const isNamespaceRoot = own === '/';
  const rootProcs = readOr(join(root, 'cgroup.procs'), '').trim();
  if (!NEEDED.every((c) => enabled.includes(c)) && isNamespaceRoot && rootProcs !== '' && !isRealRoot(root)) {
    return { mode: 'none', reason: `cgroup v2 at ${root} holds processes, so its controllers cannot be delegated (run under systemd with Delegate=yes)` };
  }
  return { mode: 'v2', reason: `cgroup v2 at ${root}`, memory: root, pids: root, unified: root, enableControllers: !NEEDED.every((c) => enabled.includes(c)) };
}

// The host's real root cgroup has no cgroup.kill; a namespace root that is a child cgroup does.
function isRealRoot(root: string): boolean {
  return !existsSync(join(root, 'cgroup.kill')) && !existsSync(join(root, 'cgroup.events'));
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

function readOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
