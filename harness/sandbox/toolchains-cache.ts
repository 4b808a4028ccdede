import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DONE = '.complete';

/**
 * Returns `<root>/<name>`, building it first if needed. The build writes into a private temporary
 * folder that is renamed into place only when complete, so a crash or a concurrent codebench never
 * leaves a half-built cache behind. Everything is made world-readable: the sandbox runs under
 * other uids.
 */
export async function cachedDir(root: string, name: string, build: (dir: string) => Promise<void>): Promise<string> {
  const dir = join(root, name);
  if (existsSync(join(dir, DONE))) return dir;
  mkdirSync(root, { recursive: true, mode: 0o755 });
  const tmp = join(root, `.tmp-${name}-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(tmp, { mode: 0o755 });
  try {
    await build(tmp);
    writeFileSync(join(tmp, DONE), `${new Date().toISOString()}\n`);
    makeReadable(tmp);
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(tmp, dir);
    } catch (error) {
      // Another process finished the same build first; theirs is as good as ours.
      if (!existsSync(join(dir, DONE))) throw error;
    }
    return dir;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function makeReadable(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) {
      chmodSync(path, 0o755);
      makeReadable(path);
    } else {
      chmodSync(path, statSync(path).mode & 0o100 ? 0o755 : 0o644);
    }
  }
  chmodSync(dir, 0o755);
}

/** A short stable hash for cache folder names. */
export function stamp(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 12);
}

export interface HostRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of our own trusted build steps on the host (cargo on Debian's crates, go on Debian's
 * testify, node on the TypeScript package). Never candidate code: that only runs in the sandbox.
 */
export function runOnHost(file: string, args: string[], options: { cwd: string; env: Record<string, string>; timeoutMs: number }): Promise<HostRun> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: options.cwd, env: options.env, timeout: options.timeoutMs, maxBuffer: 64 * 2 ** 20, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr: error && !stderr ? error.message : stderr });
    });
  });
}

/** The first line of a tool's output that reads like an error, for a one-line reason. */
export function firstErrorLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return (lines.find((l) => /\berror\b/i.test(l)) ?? lines[0] ?? 'no output').slice(0, 300);
}
