import { fork, type ChildProcess } from 'node:child_process';
import { InputError, SandboxError } from '../core/errors.ts';
import type { Task } from '../core/task.ts';
import type { GradeResult } from '../core/verdict.ts';
import { detectCgroups } from './detect-cgroups.ts';
import type { GradingInit, HostMessage, ParentMessage } from './grading-protocol.ts';
import { sweepStaleCgroups } from './sweep-stale.ts';

export type { GradingInit } from './grading-protocol.ts';

interface Pending {
  resolve: (result: GradeResult) => void;
  reject: (error: Error) => void;
  cleanup: () => void;
}

/**
 * A grader in a process of its own. Grading blocks whichever event loop runs it: every sandbox
 * start is a fork() whose cost grows with the parent's memory, and TypeScript is transpiled in
 * JavaScript. In a separate, smaller, lower-priority process that work no longer delays the model
 * requests, so a run's request rate holds while grading catches up.
 */
export class RemoteGrader {
  readonly mode: 'bwrap' | 'none';
  readonly slots: number;
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, Pending>();
  // By task id, so the host keeps one copy of each task however many objects name it.
  readonly #taskRefs = new Map<string, { task: Task; ref: number }>();
  #nextId = 1;
  #gone: Error | undefined;
  #closing = false;
  readonly #exited: Promise<void>;

  private constructor(child: ChildProcess, ready: { mode: 'bwrap' | 'none'; slots: number }, exited: Promise<void>) {
    this.#child = child;
    this.mode = ready.mode;
    this.slots = ready.slots;
    this.#exited = exited;
    child.on('message', (message: HostMessage) => this.#onMessage(message));
    void exited.then(() => {
      // A host that died (OOM killer, kill -9) leaves its running sandboxes behind: their watchdog
      // was in that process. Its cgroups name its pid, so they can be found and emptied now.
      if (!this.#closing) sweepAfterCrash();
      this.#failAll(new SandboxError(`the grading process exited (code ${child.exitCode}, signal ${child.signalCode})`));
    });
  }

  /**
   * Starts the host at `entry` (a module that serves `grading-protocol` over IPC) and waits until
   * its sandbox is open. Rejects with the host's own `InputError` or `SandboxError` when it cannot.
   */
  static async start(entry: string, init: GradingInit, options: { env: Record<string, string>; execArgv?: string[] }): Promise<RemoteGrader> {
    // `env` replaces the parent's environment, which may hold API keys the host has no use for.
    const child = fork(entry, [], { env: options.env, execArgv: options.execArgv ?? [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const ready = await new Promise<{ mode: 'bwrap' | 'none'; slots: number }>((resolve, reject) => {
      const onMessage = (message: HostMessage) => {
        if (message.type === 'ready') resolve(message);
        else if (message.type === 'init-failed') reject(message.name === 'InputError' ? new InputError(message.message) : new SandboxError(message.message, { retryable: false }));
      };
      child.on('message', onMessage);
      child.once('error', (error) => reject(new SandboxError(`could not start the grading process: ${error.message}`, { cause: error, retryable: false })));
      void exited.then(() => reject(new SandboxError(`the grading process exited before it was ready (code ${child.exitCode})`, { retryable: false })));
      send(child, { type: 'init', init });
    }).catch(async (error: unknown) => {
      child.kill('SIGKILL');
      await exited;
      throw error;
    });
    return new RemoteGrader(child, ready, exited);
  }

  /** The host's process id. */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  grade(task: Task, code: string | undefined, options: { signal?: AbortSignal; [option: string]: unknown } = {}): Promise<GradeResult> {
    if (this.#gone) return Promise.reject(this.#gone);
    const { signal, ...rest } = options;
    if (signal?.aborted) return Promise.resolve({ verdict: 'unscored', detail: 'grading aborted' });
    const id = this.#nextId++;
    return new Promise<GradeResult>((resolve, reject) => {
      const onAbort = () => send(this.#child, { type: 'abort', id });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(id, { resolve, reject, cleanup: () => signal?.removeEventListener('abort', onAbort) });
      const known = this.#taskRefs.get(task.id);
      const taskRef = known?.ref ?? id;
      if (known?.task !== task) {
        // A new task, or another object under a known id: the host replaces its copy, and grades
        // already sent keep the one they were sent with (the host reads it on arrival).
        this.#taskRefs.set(task.id, { task, ref: taskRef });
        send(this.#child, { type: 'task', ref: taskRef, task });
      }
      send(this.#child, { type: 'grade', id, taskRef, code, options: rest });
    });
  }

  /** Closes the host's sandbox (which kills whatever still runs) and waits for the process to end. */
  async close(): Promise<void> {
    this.#closing = true;
    if (this.#child.exitCode === null && this.#child.signalCode === null && this.#child.connected) send(this.#child, { type: 'close' });
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 30_000);
    await this.#exited;
    clearTimeout(timer);
  }

  #onMessage(message: HostMessage): void {
    if (message.type !== 'graded' && message.type !== 'grade-failed') return;
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    pending.cleanup();
    if (message.type === 'graded') pending.resolve(message.result);
    else pending.reject(message.name === 'SandboxError' ? new SandboxError(message.message) : new Error(message.message));
  }

  #failAll(error: Error): void {
    this.#gone = error;
    for (const pending of this.#pending.values()) {
      pending.cleanup();
      pending.reject(error);
    }
    this.#pending.clear();
  }
}

function sweepAfterCrash(): void {
  if (process.getuid?.() !== 0) return;
  try {
    const layout = detectCgroups();
    if (layout.mode !== 'none') sweepStaleCgroups(layout);
  } catch {
    /* best effort: the next sandbox to open sweeps again */
  }
}

function send(child: ChildProcess, message: ParentMessage): void {
  if (child.connected) child.send(message);
}
