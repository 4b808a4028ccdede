import { existsSync, realpathSync } from 'node:fs';
import { toolchainMounts, type Mount } from './toolchains.ts';

/** A program the sandbox may start, by the bare name requests use. */
export interface Tool {
  name: string;
  /** Real path on the host; must be reachable inside the sandbox. */
  path: string;
  /**
   * Whether RLIMIT_AS may cap its memory. Not for Node: V8 reserves large virtual ranges, and
   * an address-space limit breaks WebAssembly and fetch (nodejs/node#56596).
   */
  addressSpaceLimit: boolean;
  /** Arguments inserted before the request's own, given the memory budget in bytes. */
  memoryArgs?: (memoryBytes: number) => string[];
  /**
   * Host folders shown read-only at the same path inside the sandbox, when they exist
   * (`--ro-bind-try`): prebuilt toolchain caches, the TypeScript packages, the JDK's /etc config.
   */
  mounts?: Mount[];
}

const CANDIDATES: Record<string, string[]> = {
  // Never a pyenv or asdf shim: those are shell scripts under $HOME that a sandbox can't read and
  // that cost a shell start per sample.
  python3: ['/usr/bin/python3', '/usr/local/bin/python3'],
  node: ['/usr/bin/node', '/usr/local/bin/node'],
  sh: ['/usr/bin/sh', '/bin/sh'],
};

/** Resolves each tool once, to a real interpreter under /usr. Missing tools are simply absent. */
export function findTools(extraNodePath: string = process.execPath): Map<string, Tool> {
  const tools = new Map<string, Tool>();
  const python = firstExisting(CANDIDATES.python3!);
  if (python) tools.set('python3', { name: 'python3', path: python, addressSpaceLimit: true });
  const node = firstExisting([...CANDIDATES.node!, extraNodePath]);
  if (node) {
    tools.set('node', {
      name: 'node',
      path: node,
      addressSpaceLimit: false,
      memoryArgs: (bytes) => [`--max-old-space-size=${Math.max(64, Math.floor(bytes / 2 ** 20) - 64)}`],
    });
  }
  // Compiled languages build and run through a shell script that sets per-stage limits itself, so
  // the shell gets no address-space limit: javac and the TypeScript checker run on V8 or a JVM.
  const sh = firstExisting(CANDIDATES.sh!);
  if (sh) tools.set('sh', { name: 'sh', path: sh, addressSpaceLimit: false, mounts: toolchainMounts() });
  return tools;
}

function firstExisting(paths: string[]): string | undefined {
  for (const p of paths) {
    if (existsSync(p)) return realpathSync(p);
  }
  return undefined;
}
