import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSandboxEnter } from './build-sandbox-enter.ts';

const skip = ['/usr/bin/cc', '/usr/bin/gcc', '/usr/bin/clang'].some((c) => existsSync(c)) ? undefined : 'no C compiler (scripts/setup.sh installs gcc)';
if (skip) console.warn(`skipping the per-run launcher build tests: ${skip}`);

describe.skipIf(skip)('buildSandboxEnter', () => {
  const root = mkdtempSync(join(tmpdir(), 'codebench-enter-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('compiles once into the cache and reuses it', async () => {
    const first = await buildSandboxEnter(root);
    expect('path' in first && existsSync(first.path)).toBe(true);
    expect(await buildSandboxEnter(root)).toEqual(first);
  });

  it('refuses bad arguments with a message and the setup-failure code, before touching any namespace', async () => {
    const built = await buildSandboxEnter(root);
    if (!('path' in built)) throw new Error(built.reason);
    for (const args of [['--bogus'], ['--limit', 'cpu', '1'], ['--limit', 'stack', '1', '1', '--', '/bin/true', 'true'], ['--status-fd', '3'], ['--']]) {
      const r = spawnSync(built.path, args, { encoding: 'utf8' });
      expect(r.status, args.join(' ')).toBe(120);
      expect(r.stderr).toMatch(/^codebench-enter: bad arguments: /);
    }
  });
});
