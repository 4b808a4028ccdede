import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedDir, firstErrorLine, runOnHost, stamp } from './toolchains-cache.ts';

const SOURCE = fileURLToPath(new URL('./sandbox-enter.c', import.meta.url));
const COMPILERS = ['/usr/bin/cc', '/usr/bin/gcc', '/usr/bin/clang'];
const FLAGS = ['-O2', '-Wall', '-std=gnu11'];

export type SandboxEnter = { path: string } | { reason: string };

/**
 * Compiles ./sandbox-enter.c once per source and compiler into the toolchain cache. Static where
 * the C library allows it: a static binary starts without the dynamic loader, about 1 ms less per
 * run here. Without a C compiler, resident sandboxes are off and each run gets its own bwrap.
 */
export async function buildSandboxEnter(cacheRoot: string): Promise<SandboxEnter> {
  const cc = COMPILERS.find((c) => existsSync(c));
  if (!cc) return { reason: 'no C compiler (cc) to build the per-run launcher' };
  const version = await runOnHost(cc, ['--version'], { cwd: '/', env: { PATH: '/usr/bin:/bin' }, timeoutMs: 10_000 });
  const source = readFileSync(SOURCE, 'utf8');
  let failure = '';
  try {
    const dir = await cachedDir(cacheRoot, `sandbox-enter-${stamp(source, version.stdout, ...FLAGS)}`, async (tmp) => {
      const out = join(tmp, 'sandbox-enter');
      for (const extra of [['-static'], []]) {
        const built = await runOnHost(cc, [...FLAGS, ...extra, '-o', out, SOURCE], { cwd: tmp, env: { PATH: '/usr/bin:/bin' }, timeoutMs: 60_000 });
        if (built.code === 0) return;
        failure = firstErrorLine(built.stderr);
      }
      throw new Error(failure);
    });
    return { path: join(dir, 'sandbox-enter') };
  } catch (error) {
    return { reason: `could not compile the per-run launcher with ${cc}: ${(error as Error).message}` };
  }
}
