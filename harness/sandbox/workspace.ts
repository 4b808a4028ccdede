import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, sep } from 'node:path';
import { SandboxError } from '../core/errors.ts';

/**
 * A host folder per sandbox instance. Each run writes its files into a fresh sub-folder that the
 * sandbox uid can read but not write; the files are bound read-only into the sandbox's tmpfs.
 */
export class Workspace {
  readonly root: string;
  readonly passwdFile: string;
  readonly groupFile: string;
  #seq = 0;

  constructor(parent: string = tmpdir()) {
    this.root = mkdtempSync(join(parent, 'codebench-sbx-'));
    chmodSync(this.root, 0o711);
    this.passwdFile = join(this.root, 'passwd');
    this.groupFile = join(this.root, 'group');
    writeFileSync(this.passwdFile, 'root:x:0:0:root:/root:/usr/sbin/nologin\nsandbox:x:1000:1000:sandbox:/box:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n', { mode: 0o644 });
    writeFileSync(this.groupFile, 'root:x:0:\nsandbox:x:1000:\nnogroup:x:65534:\n', { mode: 0o644 });
  }

  /** Writes the files of one run; returns its folder and the bind list. */
  prepare(files: Record<string, string>): { dir: string; binds: { host: string; box: string }[] } {
    for (const name of Object.keys(files)) {
      const rel = normalize(name);
      if (rel.startsWith('..') || rel.startsWith(sep) || rel === '.') {
        throw new SandboxError(`workspace file name "${name}" leaves the workspace`, { retryable: false });
      }
    }
    const dir = join(this.root, `run-${++this.#seq}`);
    mkdirSync(dir, { mode: 0o755 });
    const binds: { host: string; box: string }[] = [];
    for (const [name, content] of Object.entries(files)) {
      const rel = normalize(name);
      const host = join(dir, rel);
      mkdirSync(dirname(host), { recursive: true, mode: 0o755 });
      writeFileSync(host, content, { mode: 0o644 });
      binds.push({ host, box: rel });
    }
    return { dir, binds };
  }

  discard(dir: string): void {
    rmSync(dir, { recursive: true, force: true });
  }

  close(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
