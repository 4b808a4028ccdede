import { existsSync } from 'node:fs';
import { SandboxError } from '../core/errors.ts';
import { buildChain } from './build-bwrap-args.ts';
import { runContained } from './run-contained.ts';
import type { Sandbox, SandboxRequest, SandboxResult } from './sandbox.ts';
import { SlotPool } from './slot-pool.ts';
import { findTools, type Tool } from './tools.ts';
import { Workspace } from './workspace.ts';

export interface BwrapSandboxOptions {
  /** Concurrent runs; each slot has its own host uid, so RLIMIT_NPROC never couples two slots. */
  slots: number;
  /** Where the per-run files are written (default: the OS temp folder). */
  workParent?: string;
}

const BWRAP_PATHS = ['/usr/bin/bwrap', '/usr/local/bin/bwrap'];
const SIGXCPU_EXIT = 128 + 24;
// Well above system and login uids; the pid spreads concurrent codebench processes apart.
const UID_BASE = 200_000;

export const INSTALL_HINT = 'install bubblewrap (Debian/Ubuntu: apt-get install -y bubblewrap; Fedora: dnf install bubblewrap)';

export function findBwrap(): string | undefined {
  return BWRAP_PATHS.find((p) => existsSync(p));
}

/** Bubblewrap sandbox: namespaces, read-only root, sized tmpfs, rlimits and a per-slot uid. */
export class BwrapSandbox implements Sandbox {
  readonly mode = 'bwrap' as const;
  readonly slots: number;
  readonly #bwrap: string;
  readonly #tools: Map<string, Tool>;
  readonly #pool: SlotPool;
  readonly #workspace: Workspace;
  readonly #uidBase: number | undefined;

  private constructor(bwrap: string, options: BwrapSandboxOptions) {
    this.slots = options.slots;
    this.#bwrap = bwrap;
    this.#tools = findTools();
    this.#pool = new SlotPool(options.slots);
    this.#workspace = new Workspace(options.workParent);
    this.#uidBase = process.getuid?.() === 0 ? UID_BASE + (process.pid % 1000) * 64 : undefined;
  }

  /** Finds bwrap and proves with one tiny run that it can build namespaces here. */
  static async create(options: BwrapSandboxOptions): Promise<BwrapSandbox> {
    const bwrap = findBwrap();
    if (!bwrap) throw new SandboxError(`bubblewrap (bwrap) is not installed: ${INSTALL_HINT}`, { retryable: false });
    const sandbox = new BwrapSandbox(bwrap, options);
    const probe = await sandbox.run({
      files: {},
      argv: ['python3', '-c', 'print("ok")'],
      limits: { wallMs: 10_000, cpuSeconds: 5, memoryBytes: 512 * 2 ** 20, pids: 16, fileSizeBytes: 2 ** 20, outputBytes: 4096 },
    }).catch(async (error: unknown) => {
      await sandbox.close();
      throw error;
    });
    if (probe.stdout.trim() !== 'ok') {
      await sandbox.close();
      throw new SandboxError(`bubblewrap is installed but a test run failed: ${probe.stderr.trim().slice(0, 300)}`, { retryable: false });
    }
    return sandbox;
  }

  /** The host folder that holds this sandbox's per-run files. */
  get workRoot(): string {
    return this.#workspace.root;
  }

  hasTool(name: string): boolean {
    return this.#tools.has(name);
  }

  async run(request: SandboxRequest): Promise<SandboxResult> {
    const [toolName, ...toolArgs] = request.argv;
    const tool = toolName === undefined ? undefined : this.#tools.get(toolName);
    if (!tool) throw new SandboxError(`no ${toolName ?? 'program'} found under /usr on this machine`, { retryable: false });

    const slot = await this.#pool.acquire();
    let dir: string | undefined;
    try {
      const prepared = this.#workspace.prepare(request.files);
      dir = prepared.dir;
      const chain = buildChain({
        bwrap: this.#bwrap,
        uid: this.#uidBase === undefined ? undefined : this.#uidBase + slot,
        limits: request.limits,
        tool,
        toolArgs,
        binds: prepared.binds,
        passwdFile: this.#workspace.passwdFile,
        groupFile: this.#workspace.groupFile,
      });
      const result = await runContained({
        file: chain.file,
        args: chain.args,
        cwd: this.#workspace.root,
        stdin: request.stdin,
        wallMs: request.limits.wallMs,
        outputBytes: request.limits.outputBytes,
        signal: request.signal,
        statusFd: true,
      });
      const started = result.status.some((s) => 'child-pid' in s);
      const exitStatus = result.status.find((s) => 'exit-code' in s)?.['exit-code'];
      if (!started && result.stop === 'exited') {
        throw new SandboxError(`bubblewrap could not set up the sandbox: ${result.stderr.trim().slice(0, 300)}`);
      }
      if (started && exitStatus === undefined && result.stop === 'exited' && /^bwrap: execvp/m.test(result.stderr)) {
        throw new SandboxError(`could not start ${tool.path} in the sandbox: ${result.stderr.trim().slice(0, 300)}`, { retryable: false });
      }
      const exitCode = typeof exitStatus === 'number' ? exitStatus : result.exitCode;
      const { status: _status, ...rest } = result;
      return {
        ...rest,
        exitCode,
        stop: rest.stop === 'exited' && exitCode === SIGXCPU_EXIT ? 'cpu-limit' : rest.stop,
      };
    } finally {
      if (dir) this.#workspace.discard(dir);
      this.#pool.release(slot);
    }
  }

  async close(): Promise<void> {
    this.#workspace.close();
  }
}
