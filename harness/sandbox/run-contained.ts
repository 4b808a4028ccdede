import { spawn } from 'node:child_process';
import { SandboxError } from '../core/errors.ts';
import type { SandboxResult, SandboxStop } from './sandbox.ts';

export interface ContainedCommand {
  /** Absolute path of the first program in the chain. */
  file: string;
  args: string[];
  cwd: string;
  stdin?: string;
  wallMs: number;
  outputBytes: number;
  signal?: AbortSignal;
  /** Extra pipe on fd 3 for bwrap's `--json-status-fd`, so setup failures can't be faked by the code. */
  statusFd?: boolean;
}

export interface ContainedResult extends SandboxResult {
  /** JSON lines bwrap wrote to the status fd (`{"child-pid": n}`, `{"exit-code": n}`). */
  status: Record<string, unknown>[];
}

const CLOSE_GRACE_MS = 500;

/**
 * Spawns a command in its own session with an empty environment, caps its output, and kills the
 * whole process group on a wall-clock timeout. It waits for 'exit' and then only briefly for the
 * pipes, because a grandchild that keeps stdout open would hold 'close' forever.
 */
export function runContained(command: ContainedCommand): Promise<ContainedResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const stdio: ('pipe' | 'ignore')[] = ['pipe', 'pipe', 'pipe'];
    if (command.statusFd) stdio.push('pipe');
    let child;
    try {
      child = spawn(command.file, command.args, { cwd: command.cwd, env: {}, detached: true, stdio });
    } catch (cause) {
      reject(new SandboxError(`could not start ${command.file}: ${(cause as Error).message}`, { cause }));
      return;
    }

    const chunks: { stream: 'out' | 'err'; data: Buffer }[] = [];
    let kept = 0;
    let truncated = false;
    let stop: SandboxStop = 'exited';
    let statusText = '';

    const kill = (reason: SandboxStop) => {
      if (stop === 'exited') stop = reason;
      // The payload runs in a pid namespace under the outer bwrap; killing the group takes the tree down.
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    };

    const onData = (stream: 'out' | 'err') => (data: Buffer) => {
      if (truncated) return;
      const room = command.outputBytes - kept;
      if (data.length > room) {
        chunks.push({ stream, data: data.subarray(0, Math.max(0, room)) });
        kept = command.outputBytes;
        truncated = true;
        kill('output-cap');
        return;
      }
      chunks.push({ stream, data });
      kept += data.length;
    };
    child.stdout!.on('data', onData('out'));
    child.stderr!.on('data', onData('err'));
    const statusPipe = command.statusFd ? (child.stdio[3] as NodeJS.ReadableStream | null) : null;
    statusPipe?.on('data', (d: Buffer) => {
      if (statusText.length < 65536) statusText += d.toString('utf8');
    });

    child.stdin!.on('error', () => {
      /* the program need not read its stdin */
    });
    child.stdin!.end(command.stdin ?? '');

    const timer = setTimeout(() => kill('wall-timeout'), command.wallMs);
    const onAbort = () => kill('aborted');
    command.signal?.addEventListener('abort', onAbort, { once: true });

    child.once('error', (cause) => {
      clearTimeout(timer);
      reject(new SandboxError(`could not start ${command.file}: ${cause.message}`, { cause }));
    });

    child.once('exit', (exitCode, signal) => {
      clearTimeout(timer);
      command.signal?.removeEventListener('abort', onAbort);
      // Make sure nothing of the group outlives the run, even after a normal exit.
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* group already empty */
      }
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        child.stdout?.destroy();
        child.stderr?.destroy();
        (statusPipe as { destroy?: () => void } | null)?.destroy?.();
        const stdout = Buffer.concat(chunks.filter((c) => c.stream === 'out').map((c) => c.data));
        const stderr = Buffer.concat(chunks.filter((c) => c.stream === 'err').map((c) => c.data));
        resolve({
          exitCode,
          signal,
          stop,
          stdout: stdout.toString('utf8'),
          stderr: stderr.toString('utf8'),
          truncated,
          wallMs: Math.round(performance.now() - started),
          status: parseStatus(statusText),
        });
      };
      const grace = setTimeout(finish, CLOSE_GRACE_MS);
      child.once('close', () => {
        clearTimeout(grace);
        finish();
      });
    });
  });
}

function parseStatus(text: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  // bwrap writes one JSON object per event; they may arrive concatenated without newlines.
  for (const piece of text.split(/(?<=\})\s*(?=\{)/)) {
    try {
      const value: unknown = JSON.parse(piece);
      if (value && typeof value === 'object') out.push(value as Record<string, unknown>);
    } catch {
      /* partial line from a killed bwrap */
    }
  }
  return out;
}
