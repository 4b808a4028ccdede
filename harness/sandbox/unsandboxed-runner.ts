import { SandboxError } from '../core/errors.ts';
import { runContained } from './run-contained.ts';
import type { Sandbox, SandboxRequest, SandboxResult } from './sandbox.ts';
import { SlotPool } from './slot-pool.ts';
import { findTools, type Tool } from './tools.ts';
import { Workspace } from './workspace.ts';

/**
 * `--sandbox none`: the code runs as our own user with only rlimits, an empty environment and a
 * private working folder. For machines without bubblewrap, behind an explicit flag and a warning.
 */
export class UnsandboxedRunner implements Sandbox {
  readonly mode = 'none' as const;
  readonly slots: number;
  readonly #tools: Map<string, Tool>;
  readonly #pool: SlotPool;
  readonly #workspace: Workspace;

  constructor(options: { slots: number; workParent?: string }) {
    this.slots = options.slots;
    this.#tools = findTools();
    this.#pool = new SlotPool(options.slots);
    this.#workspace = new Workspace(options.workParent);
  }

  async run(request: SandboxRequest): Promise<SandboxResult> {
    const [toolName, ...toolArgs] = request.argv;
    const tool = toolName === undefined ? undefined : this.#tools.get(toolName);
    if (!tool) throw new SandboxError(`no ${toolName ?? 'program'} found under /usr on this machine`, { retryable: false });
    const slot = await this.#pool.acquire();
    let dir: string | undefined;
    try {
      dir = this.#workspace.prepare(request.files).dir;
      const { limits } = request;
      const prlimit = [`--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`, `--fsize=${limits.fileSizeBytes}`, '--nofile=256', '--core=0'];
      if (tool.addressSpaceLimit) prlimit.push(`--as=${limits.memoryBytes}`);
      const result = await runContained({
        file: '/usr/bin/prlimit',
        args: [...prlimit, '--', '/usr/bin/env', '-i', 'PATH=/usr/local/bin:/usr/bin:/bin', `HOME=${dir}`, 'LANG=C.UTF-8', tool.path, ...(tool.memoryArgs?.(limits.memoryBytes) ?? []), ...toolArgs],
        cwd: dir,
        stdin: request.stdin,
        wallMs: limits.wallMs,
        outputBytes: limits.outputBytes,
        signal: request.signal,
      });
      const { status: _status, ...rest } = result;
      return { ...rest, stop: rest.stop === 'exited' && (rest.signal === 'SIGXCPU' || rest.exitCode === 152) ? 'cpu-limit' : rest.stop };
    } finally {
      if (dir) this.#workspace.discard(dir);
      this.#pool.release(slot);
    }
  }

  async close(): Promise<void> {
    this.#workspace.close();
  }
}
