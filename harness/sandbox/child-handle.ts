import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';

/** A file the child gets as an extra fd, opened by whoever spawns it (fd 4 on, after the status pipe). */
export interface PassFile {
  path: string;
  write: boolean;
}

export interface ChildSpec {
  /** Absolute path of the program. */
  file: string;
  args: string[];
  cwd: string;
  /** Extra pipe on fd 3 for bwrap's `--json-status-fd`. */
  statusFd: boolean;
  passFiles: PassFile[];
  /** Fds the spawn helper was started with (`--keep`), by index, handed over after `passFiles`. */
  passKept?: number[];
  /**
   * For a helper in another pid namespace: a kill is SIGTERM to the child alone, which takes its
   * own tree down and exits once it is gone (./sandbox-enter.c), instead of SIGKILL to its group.
   */
  killWithTerm?: boolean;
  /** Only its own process group, in the helper's session (a session is a scheduler autogroup). */
  sameSession?: boolean;
}

/**
 * A spawned child as ContainedProcess sees it: in its own session, with an empty environment.
 * Events: 'exit' (code, signal), 'close' (after exit, once every pipe ended), 'error' (it never ran).
 */
export interface ChildHandle {
  /** Known once the child started; Node's own spawn knows it at once, the helper a moment later. */
  readonly pid: number | undefined;
  /** Resolves when `pid` is known, or the spawn failed. */
  readonly started: Promise<void>;
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  readonly status: Readable | undefined;
  once(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  once(event: 'close', listener: () => void): unknown;
  once(event: 'error', listener: (error: Error) => void): unknown;
  /** SIGKILL to the child's process group, now or as soon as its pid is known. */
  killGroup(): void;
  /** Stops reading the pipes and releases them. */
  destroyPipes(): void;
}

/** SIGKILL to a process group (a child started in its own session); quiet when it is gone. */
export function killProcessGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

/** Node's own spawn: a fork of this whole process, which costs more the bigger it is. */
export function spawnWithNode(spec: ChildSpec): ChildHandle {
  const fds = spec.passFiles.map((f) => openSync(f.path, f.write ? constants.O_WRONLY : constants.O_RDONLY));
  let child: ChildProcess;
  try {
    const stdio: ('pipe' | number)[] = ['pipe', 'pipe', 'pipe'];
    if (spec.statusFd) stdio.push('pipe');
    stdio.push(...fds);
    child = spawn(spec.file, spec.args, { cwd: spec.cwd, env: {}, detached: true, stdio });
  } finally {
    for (const fd of fds) closeSync(fd);
  }
  return {
    get pid() {
      return child.pid;
    },
    started: Promise.resolve(),
    stdin: child.stdin!,
    stdout: child.stdout!,
    stderr: child.stderr!,
    status: spec.statusFd ? (child.stdio[3] as Readable) : undefined,
    once(event: string, listener: (...args: never[]) => void) {
      child.once(event, listener as (...args: unknown[]) => void);
      return this;
    },
    killGroup() {
      if (child.pid !== undefined) killProcessGroup(child.pid);
    },
    destroyPipes() {
      for (const stream of child.stdio) (stream as { destroy?: () => void } | null)?.destroy?.();
    },
  };
}
