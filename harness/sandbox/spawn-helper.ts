import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Readable, Writable } from 'node:stream';
import { killProcessGroup, type ChildHandle, type ChildSpec } from './child-handle.ts';

export const SPAWN_HELPER_SCRIPT = fileURLToPath(new URL('./spawn-helper.py', import.meta.url));
const HEADER_BYTES = 9;
const READY_TIMEOUT_MS = 10_000;
const REMOTE_CLOSE_MS = 2000;

/** How to start a helper: the command (python3 and the script, maybe behind a sandbox) and its extra fds. */
export interface HelperLaunch {
  file: string;
  args: string[];
  /** Open fds handed to the launched process as fd 3 on. */
  passFds?: number[];
  /** Runs in another pid namespace: kills go through the helper. */
  remote?: boolean;
}

/**
 * Spawns children through ./spawn-helper.py, a small long-lived Python process that uses vfork.
 * Node's spawn forks the whole Node process: on the 2-core VMs we grade on, that was 10-20 ms of
 * CPU per sandbox, as much as the sandbox itself. Pipes are relayed over the helper's stdio.
 * Kills go straight from here to the child's process group; the helper only spawns, relays and
 * reaps, and kills everything it started when we go away.
 *
 * A helper can also run inside a sandbox (./resident-slot.ts). Its pids then belong to another pid
 * namespace, so kills are sent to it as frames instead.
 */
export class SpawnHelper {
  readonly #proc: ChildProcess;
  readonly #children = new Map<number, HelperChild>();
  readonly ready: Promise<void>;
  /** Resolves once the helper's first process exited. */
  readonly exited: Promise<void>;
  #nextId = 1;
  #inbox: Buffer = Buffer.alloc(0);
  #dead: Error | undefined;
  #stderr = '';
  readonly #remote: boolean;

  private constructor(launch: HelperLaunch) {
    this.#remote = launch.remote ?? false;
    this.#proc = spawn(launch.file, launch.args, { cwd: '/', env: {}, detached: this.#remote, stdio: ['pipe', 'pipe', 'pipe', ...(launch.passFds ?? [])] });
    this.#proc.stdin!.on('error', () => undefined);
    this.#proc.stderr!.on('data', (d: Buffer) => (this.#stderr = (this.#stderr + d.toString()).slice(-2000)));
    this.exited = new Promise((resolve) => {
      this.#proc.once('exit', () => resolve());
      this.#proc.once('error', () => resolve());
    });
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the spawn helper did not start in time')), READY_TIMEOUT_MS);
      this.#proc.stdout!.on('data', (d: Buffer) => this.#onData(d, () => {
        clearTimeout(timer);
        resolve();
      }));
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(error);
      };
      this.#proc.once('error', fail);
      this.#proc.once('exit', (code, signal) => {
        this.#dead = new Error(`the spawn helper exited (${signal ?? code}): ${this.#stderr.trim().split('\n').at(-1) ?? ''}`);
        fail(this.#dead);
        for (const child of this.#children.values()) child.lost(this.#dead);
        this.#children.clear();
      });
    });
    this.#idle();
  }

  /**
   * Starts the helper with the real interpreter (not a pyenv shim), behind `prefix` if any (e.g.
   * `chrt --idle 0`); `undefined` when it cannot run here.
   */
  static async start(python: string, prefix: string[] = []): Promise<SpawnHelper | undefined> {
    if (!existsSync(python) || !existsSync(SPAWN_HELPER_SCRIPT)) return undefined;
    const [file = python, ...args] = [...prefix, python, '-I', '-S', '-B', SPAWN_HELPER_SCRIPT];
    return SpawnHelper.launch({ file, args }).catch(() => undefined);
  }

  /** Starts a helper through any launch chain (a sandbox around it, say); rejects with its last words. */
  static async launch(launch: HelperLaunch): Promise<SpawnHelper> {
    const helper = new SpawnHelper(launch);
    try {
      await helper.ready;
      return helper;
    } catch (error) {
      helper.close();
      throw error;
    }
  }

  /** The first process of the launch chain. */
  get pid(): number | undefined {
    return this.#proc.pid;
  }

  /** False once the helper exited. */
  get alive(): boolean {
    return this.#dead === undefined;
  }

  spawn(spec: ChildSpec): ChildHandle {
    const id = this.#nextId++;
    const child = new HelperChild(spec.statusFd, this.#remote, (kind, payload) => this.#send(kind, id, payload), () => this.#forget(id));
    if (this.#dead) {
      const error = this.#dead;
      queueMicrotask(() => child.lost(error));
      return child;
    }
    this.#children.set(id, child);
    (this.#proc.stdout as unknown as { ref?: () => void }).ref?.();
    this.#send('S', id, Buffer.from(JSON.stringify({ file: spec.file, args: spec.args, cwd: spec.cwd, status: spec.statusFd, passFiles: spec.passFiles.map((f) => [f.path, f.write ? 'w' : 'r']), passKept: spec.passKept ?? [], killWithTerm: spec.killWithTerm ?? false, sameSession: spec.sameSession ?? false })));
    return child;
  }

  /** Ends the helper, which kills whatever it still has running; resolves once it exited. */
  close(): Promise<void> {
    this.#proc.stdin!.end();
    if (this.#proc.exitCode === null && this.#proc.signalCode === null) {
      // An idle helper is unref'd; whoever awaits its end must keep the process alive until then.
      this.#proc.ref();
      if (!this.#remote) this.#proc.kill('SIGTERM');
      else {
        // A sandbox around the helper ends by itself once the helper read EOF. Killed outright,
        // its first process would orphan bwrap into a zombie for PID 1 (bubblewrap#697).
        const timer = setTimeout(() => killProcessGroup(this.#proc.pid!), REMOTE_CLOSE_MS);
        void this.exited.then(() => clearTimeout(timer));
      }
    }
    return this.exited;
  }

  #forget(id: number): void {
    if (this.#children.delete(id)) this.#send('F', id);
    this.#idle();
  }

  // An idle helper must not keep the process alive; one with children must.
  #idle(): void {
    if (this.#children.size > 0) return;
    this.#proc.unref();
    (this.#proc.stdout as unknown as { unref?: () => void }).unref?.();
    (this.#proc.stdin as unknown as { unref?: () => void }).unref?.();
    (this.#proc.stderr as unknown as { unref?: () => void }).unref?.();
  }

  #send(kind: string, id: number, payload: Buffer = Buffer.alloc(0)): void {
    if (this.#dead) return;
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32BE(payload.length, 0);
    header.writeUInt8(kind.charCodeAt(0), 4);
    header.writeUInt32BE(id, 5);
    this.#proc.stdin!.write(payload.length > 0 ? Buffer.concat([header, payload]) : header);
  }

  #onData(data: Buffer, onReady: () => void): void {
    this.#inbox = this.#inbox.length === 0 ? data : Buffer.concat([this.#inbox, data]);
    let at = 0;
    while (this.#inbox.length - at >= HEADER_BYTES) {
      const length = this.#inbox.readUInt32BE(at);
      if (this.#inbox.length - at < HEADER_BYTES + length) break;
      const kind = String.fromCharCode(this.#inbox.readUInt8(at + 4));
      const id = this.#inbox.readUInt32BE(at + 5);
      const payload = this.#inbox.subarray(at + HEADER_BYTES, at + HEADER_BYTES + length);
      at += HEADER_BYTES + length;
      if (kind === 'R') {
        onReady();
        continue;
      }
      const child = this.#children.get(id);
      if (!child) continue;
      if (child.receive(kind, payload)) {
        this.#children.delete(id);
        this.#idle();
      }
    }
    this.#inbox = at === this.#inbox.length ? Buffer.alloc(0) : Buffer.from(this.#inbox.subarray(at));
  }
}

/** A child of the helper, shaped like the part of Node's ChildProcess that ContainedProcess uses. */
class HelperChild extends EventEmitter implements ChildHandle {
  pid: number | undefined;
  readonly started: Promise<void>;
  readonly stdin: Writable;
  readonly stdout = new Readable({ read: () => undefined });
  readonly stderr = new Readable({ read: () => undefined });
  readonly status: Readable | undefined;
  readonly #send: (kind: string, payload?: Buffer) => void;
  readonly #forget: () => void;
  readonly #remote: boolean;
  #markStarted: () => void = () => undefined;
  #killWhenKnown = false;
  #done = false;

  constructor(status: boolean, remote: boolean, send: (kind: string, payload?: Buffer) => void, forget: () => void) {
    super();
    this.#remote = remote;
    this.#send = send;
    this.#forget = forget;
    this.status = status ? new Readable({ read: () => undefined }) : undefined;
    this.started = new Promise((resolve) => (this.#markStarted = resolve));
    this.stdin = new Writable({
      write: (chunk: Buffer, _encoding, callback) => {
        this.#send('I', chunk);
        callback();
      },
      final: (callback) => {
        this.#send('E');
        callback();
      },
    });
  }

  /** Handles one frame; true once the child is finished with. */
  receive(kind: string, payload: Buffer): boolean {
    if (kind === '1') this.stdout.push(Buffer.from(payload));
    else if (kind === '2') this.stderr.push(Buffer.from(payload));
    else if (kind === '3') this.status?.push(Buffer.from(payload));
    else if (kind === 'P') {
      const started = JSON.parse(payload.toString()) as { pid?: number; error?: string };
      this.#markStarted();
      if (started.pid === undefined) {
        this.lost(new Error(started.error ?? 'spawn failed'));
        return true;
      }
      this.pid = started.pid;
      if (this.#killWhenKnown) this.killGroup();
    } else if (kind === 'X') {
      const { code, signal } = JSON.parse(payload.toString()) as { code: number | null; signal: NodeJS.Signals | null };
      this.emit('exit', code, signal);
    } else if (kind === 'C') {
      this.#end();
      this.emit('close');
      return true;
    }
    return false;
  }

  /** The helper died or could not start the child. */
  lost(error: Error): void {
    this.#markStarted();
    this.killGroup();
    this.#end();
    this.emit('error', error);
  }

  killGroup(): void {
    if (this.pid === undefined) this.#killWhenKnown = true;
    else if (this.#remote) this.#send('K');
    else killProcessGroup(this.pid);
  }

  destroyPipes(): void {
    this.#end();
    this.#forget();
  }

  #end(): void {
    if (this.#done) return;
    this.#done = true;
    for (const stream of [this.stdout, this.stderr, this.status]) stream?.push(null);
  }
}
