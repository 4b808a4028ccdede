/** Resource limits for one sandboxed command. */
export interface SandboxLimits {
  /** Wall-clock stop for hangs; the whole process tree is killed when it passes. */
  wallMs: number;
  /** CPU seconds per process (RLIMIT_CPU). */
  cpuSeconds: number;
  /**
   * Memory budget for everything the run holds, tmpfs files included: the slot's cgroup limit
   * (swap 0) where cgroups work, plus RLIMIT_AS for native code and the V8 heap size for Node.
   */
  memoryBytes: number;
  /** Processes and threads. */
  pids: number;
  /** Largest file the code may write. */
  fileSizeBytes: number;
  /** Combined stdout and stderr kept before the run is killed. */
  outputBytes: number;
}

export interface SandboxRequest {
  /** Files placed read-only in the workspace (`/box`), by relative path. */
  files: Record<string, string>;
  /** The command, run with `/box` as working directory. argv[0] is a bare tool name (`python3`, `node`). */
  argv: string[];
  /** Written to the program's stdin, which is then closed. */
  stdin?: string;
  limits: SandboxLimits;
  signal?: AbortSignal;
}

export type SandboxStop = 'exited' | 'wall-timeout' | 'cpu-limit' | 'output-cap' | 'aborted';

export interface SandboxResult {
  exitCode: number | null;
  /** Signal that ended the program, if any (SIGKILL after a limit, SIGABRT on a V8 OOM). */
  signal: string | null;
  stop: SandboxStop;
  stdout: string;
  stderr: string;
  /** True when output passed the cap and the middle was dropped. */
  truncated: boolean;
  wallMs: number;
  /** The kernel's OOM killer stopped a process of the run at the cgroup's memory limit. `undefined` without cgroups. */
  memoryExceeded?: boolean;
  /** CPU time of every process of the run together, from the cgroup. `undefined` without cgroups. */
  cpuMs?: number;
}

/** Runs untrusted code. Implementations: bubblewrap, and an explicit unsandboxed mode. */
export interface Sandbox {
  readonly mode: 'bwrap' | 'none';
  /** How many commands may run at once without interfering. */
  readonly slots: number;
  /** Throws `SandboxError` when the command could not be started at all. */
  run(request: SandboxRequest): Promise<SandboxResult>;
  close(): Promise<void>;
}
