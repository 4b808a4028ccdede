import { SandboxError } from '../core/errors.ts';
import { spawnWithNode, type ChildHandle, type PassFile } from './child-handle.ts';
import { parseStatus } from './parse-status.ts';
import type { SandboxResult, SandboxStop } from './sandbox.ts';
import type { SpawnHelper } from './spawn-helper.ts';

export interface SpawnSpec {
  /** Absolute path of the first program in the chain. */
  file: string;
  args: string[];
  cwd: string;
  /** Extra pipe on fd 3 for bwrap's `--json-status-fd`, so setup failures can't be faked by the code. */
  statusFd?: boolean;
  /** Files opened for the child and handed to it right after the status pipe (fd 4 on), e.g. a seccomp filter. */
  passFiles?: PassFile[];
  /** Fds the spawn helper keeps, by index (see ./spawn-helper.py `--keep`). */
  passKept?: number[];
  /** See ChildSpec. */
  killWithTerm?: boolean;
  sameSession?: boolean;
  /** Spawns through ./spawn-helper.ts instead of forking this process. */
  helper?: SpawnHelper;
  /** As in RunOptions, for a process discarded before it ran. */
  softKill?: (pid: number) => boolean;
}

export interface RunOptions {
  /** Written to stdin, which is then closed. */
  stdin?: string;
  wallMs: number;
  outputBytes: number;
  signal?: AbortSignal;
  /** Called with every hard kill, beside the process-group SIGKILL: e.g. `cgroup.kill`. */
  onKill?: () => void;
  /**
   * Tried before the hard kill, given the chain's first pid: true when it killed what matters,
   * in which case the hard kill follows only if the chain is still there after a grace period.
   */
  softKill?: (pid: number) => boolean;
  /**
   * Awaited after the chain's first process exited and before the result is built: e.g. until
   * the cgroup is empty. It may kill again through `onKill`.
   */
  settle?: () => Promise<void>;
  /** Each JSON object bwrap writes to the status fd, as it arrives (`{"exit-code": n}` ends the payload). */
  onStatus?: (status: Record<string, unknown>) => void;
}

export type ContainedCommand = SpawnSpec & RunOptions;

export interface ContainedResult extends SandboxResult {
  /** JSON lines bwrap wrote to the status fd (`{"child-pid": n}`, `{"exit-code": n}`). */
  status: Record<string, unknown>[];
}

const CLOSE_GRACE_MS = 500;
const SOFT_KILL_GRACE_MS = 500;

/** Spawns and runs in one go. */
export function runContained(command: ContainedCommand): Promise<ContainedResult> {
  let process_: ContainedProcess;
  try {
    process_ = ContainedProcess.spawn(command);
  } catch (error) {
    return Promise.reject(error);
  }
  return process_.run(command);
}

/**
 * A command in its own session with an empty environment, spawned ahead of its run: the run
 * starts when its stdin is written. Output is capped, and the whole process group is killed on a
 * wall-clock timeout. The run waits for 'exit' and then only briefly for the pipes, because a
 * grandchild that keeps stdout open would hold 'close' forever.
 */
export class ContainedProcess {
  readonly #child: ChildHandle;
  readonly #chunks: { stream: 'out' | 'err'; data: Buffer }[] = [];
  readonly #exited: Promise<[number | null, NodeJS.Signals | null]>;
  #kept = 0;
  #cap = Number.POSITIVE_INFINITY;
  #truncated = false;
  #stop: SandboxStop = 'exited';
  #statusText = '';
  #statusSeen = 0;
  #onStatus: ((status: Record<string, unknown>) => void) | undefined;
  #closed = false;
  #spawnError: Error | undefined;
  #onKill: (() => void) | undefined;
  #softKill: ((pid: number) => boolean) | undefined;
  #escalation: NodeJS.Timeout | undefined;
  #used = false;
  #alive = true;
  #disarmed = false;
  #timer: NodeJS.Timeout | undefined;

  private constructor(child: ChildHandle, softKill: ((pid: number) => boolean) | undefined) {
    this.#child = child;
    this.#softKill = softKill;
    child.once('close', () => (this.#closed = true));
    this.#exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.#alive = false;
        resolve([code, signal]);
      });
      child.once('error', (error) => {
        this.#alive = false;
        this.#spawnError = error;
        resolve([null, null]);
      });
    });
    child.stdout.on('data', this.#onData('out'));
    child.stderr.on('data', this.#onData('err'));
    child.status?.on('data', (d: Buffer) => {
      if (this.#statusText.length < 65536) this.#statusText += d.toString('utf8');
      this.#reportStatus();
    });
    child.stdin.on('error', () => {
      /* the program need not read its stdin */
    });
  }

  static spawn(spec: SpawnSpec): ContainedProcess {
    const childSpec = { file: spec.file, args: spec.args, cwd: spec.cwd, statusFd: spec.statusFd ?? false, passFiles: spec.passFiles ?? [], passKept: spec.passKept, killWithTerm: spec.killWithTerm, sameSession: spec.sameSession };
    try {
      return new ContainedProcess(spec.helper ? spec.helper.spawn(childSpec) : spawnWithNode(childSpec), spec.softKill);
    } catch (cause) {
      throw new SandboxError(`could not start ${spec.file}: ${(cause as Error).message}`, { cause });
    }
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Resolves once `pid` is known (or the spawn failed). */
  get started(): Promise<void> {
    return this.#child.started;
  }

  /** False once the process exited (or never started). */
  get alive(): boolean {
    return this.#alive;
  }

  /** Kills a spawned process that will never run (softly first, as a run would be); resolves once it is reaped. */
  async discard(): Promise<void> {
    this.#kill('aborted');
    await this.#exited;
    clearTimeout(this.#escalation);
    this.#destroyPipes();
  }

  /** Starts the run by writing stdin; resolves once the process and, through `settle`, its tree are gone. */
  async run(options: RunOptions): Promise<ContainedResult> {
    if (this.#used) throw new Error('a ContainedProcess runs once');
    this.#used = true;
    const started = performance.now();
    this.#cap = options.outputBytes;
    this.#onKill = options.onKill;
    this.#softKill = options.softKill ?? this.#softKill;
    this.#onStatus = options.onStatus;
    this.#reportStatus();
    this.#enforceCap();
    this.#child.stdin.end(options.stdin ?? '');
    // Timers run before I/O in a turn of the event loop: after being held off the CPU (the grading
    // host runs at idle priority), an exit already waiting to be read must go before the deadline.
    this.#timer = setTimeout(() => setImmediate(() => this.#alive && this.#kill('wall-timeout')), options.wallMs);
    const onAbort = () => this.#kill('aborted');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();

    const [exitCode, signal] = await this.#exited;
    clearTimeout(this.#timer);
    clearTimeout(this.#escalation);
    options.signal?.removeEventListener('abort', onAbort);
    if (this.#spawnError) throw new SandboxError(`could not start the sandbox: ${this.#spawnError.message}`, { cause: this.#spawnError });
    // Make sure nothing of the group outlives the run, even after a normal exit.
    this.#signalGroup();
    try {
      await options.settle?.();
    } catch (error) {
      this.#destroyPipes();
      throw error;
    }
    if (!this.#closed) {
      await new Promise<void>((resolve) => {
        const grace = setTimeout(resolve, CLOSE_GRACE_MS);
        this.#child.once('close', () => {
          clearTimeout(grace);
          resolve();
        });
      });
    }
    this.#destroyPipes();
    const text = (stream: 'out' | 'err') => Buffer.concat(this.#chunks.filter((c) => c.stream === stream).map((c) => c.data)).toString('utf8');
    return {
      exitCode,
      signal,
      stop: this.#stop,
      stdout: text('out'),
      stderr: text('err'),
      truncated: this.#truncated,
      wallMs: Math.round(performance.now() - started),
      status: parseStatus(this.#statusText),
    };
  }

  /**
   * No more kills for this run, from the timer, an abort or the output cap: what is left of it
   * is trusted code on its way out, and the caller reuses what a kill would reach.
   */
  disarm(): void {
    this.#disarmed = true;
    clearTimeout(this.#timer);
    clearTimeout(this.#escalation);
  }

  #reportStatus(): void {
    if (!this.#onStatus) return;
    const all = parseStatus(this.#statusText.slice(0, this.#statusText.lastIndexOf('}') + 1));
    for (const status of all.slice(this.#statusSeen)) this.#onStatus(status);
    this.#statusSeen = all.length;
  }

  #onData(stream: 'out' | 'err') {
    return (data: Buffer) => {
      if (this.#truncated) return;
      this.#chunks.push({ stream, data });
      this.#kept += data.length;
      this.#enforceCap();
    };
  }

  #enforceCap(): void {
    if (this.#kept <= this.#cap || this.#truncated) return;
    // Trim the newest chunks back to the cap.
    let excess = this.#kept - this.#cap;
    while (excess > 0 && this.#chunks.length > 0) {
      const last = this.#chunks.at(-1)!;
      if (last.data.length <= excess) {
        this.#chunks.pop();
        excess -= last.data.length;
      } else {
        last.data = last.data.subarray(0, last.data.length - excess);
        excess = 0;
      }
    }
    this.#kept = this.#cap;
    this.#truncated = true;
    this.#kill('output-cap');
  }

  #kill(reason: SandboxStop): void {
    if (this.#disarmed) return;
    if (this.#stop === 'exited') this.#stop = reason;
    if (this.#alive && this.#escalation === undefined && this.#child.pid !== undefined && this.#softKill) {
      let handled = false;
      try {
        handled = this.#softKill(this.#child.pid);
      } catch {
        /* fall through to the hard kill */
      }
      if (handled) {
        this.#escalation = setTimeout(() => this.#hardKill(), SOFT_KILL_GRACE_MS);
        return;
      }
    }
    this.#hardKill();
  }

  #hardKill(): void {
    try {
      this.#onKill?.();
    } catch {
      /* the process-group kill below still applies */
    }
    this.#signalGroup();
  }

  // The payload runs in pid namespaces under the chain; killing the group takes the tree down.
  #signalGroup(): void {
    this.#child.killGroup();
  }

  #destroyPipes(): void {
    this.#child.destroyPipes();
  }
}
