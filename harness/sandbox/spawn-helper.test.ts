import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContained } from './run-contained.ts';
import { SPAWN_HELPER_SCRIPT, SpawnHelper } from './spawn-helper.ts';
import { isAlive } from './sweep-stale.ts';
import { findTools } from './tools.ts';

const python = findTools().get('python3')?.path;
const reason = process.platform !== 'linux' ? 'the spawn helper needs Linux (pidfd)' : !python ? 'no python3 under /usr' : undefined;
if (reason) console.info(`spawn-helper tests skipped: ${reason}`);

describe.skipIf(reason !== undefined)('SpawnHelper', () => {
  let helper: SpawnHelper;
  let dir: string;
  const run = (file: string, args: string[], extra: Partial<Parameters<typeof runContained>[0]> = {}) =>
    runContained({ file, args, cwd: dir, wallMs: 10_000, outputBytes: 4 * 2 ** 20, helper, ...extra });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'codebench-helper-'));
    const started = await SpawnHelper.start(python!);
    if (!started) throw new Error('the spawn helper did not start');
    helper = started;
  });
  afterAll(() => {
    helper?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('relays stdin, stdout, stderr and the exit code, stdin larger than a pipe buffer included', async () => {
    const big = 'x'.repeat(1024 * 1024) + '\n';
    const r = await run('/bin/sh', ['-c', 'cat; echo oops >&2; exit 7'], { stdin: big });
    expect(r.exitCode).toBe(7);
    expect(r.stdout).toBe(big);
    expect(r.stderr).toBe('oops\n');
  });

  it('gives the child the status pipe on fd 3 and the passed files from fd 4, opened by the helper', async () => {
    writeFileSync(join(dir, 'in.txt'), 'from a file\n');
    writeFileSync(join(dir, 'out.txt'), '');
    const r = await run('/bin/sh', ['-c', 'echo \'{"exit-code": 0}\' >&3; cat <&4; echo written >&5'], {
      statusFd: true,
      passFiles: [{ path: join(dir, 'in.txt'), write: false }, { path: join(dir, 'out.txt'), write: true }],
    });
    expect(r.stdout).toBe('from a file\n');
    expect(r.status).toEqual([{ 'exit-code': 0 }]);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('written\n');
  });

  it('starts children with an empty environment, whatever ours holds', async () => {
    process.env.CODEBENCH_HELPER_SECRET = 'sk-helper-secret';
    try {
      const r = await run('/usr/bin/env', []);
      expect(r.stdout).toBe('');
    } finally {
      delete process.env.CODEBENCH_HELPER_SECRET;
    }
  });

  it('reports death by signal, and a program that cannot start as a spawn error', async () => {
    const killed = await run('/bin/sh', ['-c', 'kill -9 $$']);
    expect(killed.signal).toBe('SIGKILL');
    await expect(run('/nonexistent/program', [])).rejects.toThrow(/could not start/);
  });

  it('kills the whole process group at the wall limit, even when the kill comes before the pid is known', async () => {
    const started = performance.now();
    const r = await run('/bin/sh', ['-c', 'sleep 100 & sleep 100'], { wallMs: 1 });
    expect(r.stop).toBe('wall-timeout');
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('does not wait for a grandchild that keeps stdout open', async () => {
    const started = performance.now();
    const r = await run('/bin/sh', ['-c', '(sleep 30 &); echo done']);
    expect(r.stdout).toBe('done\n');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('is not used where it cannot start (an interpreter that exits at once, or none)', async () => {
    expect(await SpawnHelper.start('/bin/false')).toBeUndefined();
    expect(await SpawnHelper.start('/nonexistent/python3')).toBeUndefined();
  });

  it('kills what it started when it is closed, and fails runs in flight when it dies', async () => {
    const own = await SpawnHelper.start(python!);
    const pidFile = join(dir, 'pid');
    const running = runContained({ file: '/bin/sh', args: ['-c', `echo $$ > ${pidFile}; exec sleep 100`], cwd: dir, wallMs: 60_000, outputBytes: 4096, helper: own });
    await expect.poll(() => readTrimmed(pidFile), { timeout: 5000 }).not.toBe('');
    const pid = Number(readTrimmed(pidFile));
    own!.close();
    await expect(running).rejects.toThrow(/spawn helper exited/);
    await expect.poll(() => isAlive(pid), { timeout: 3000 }).toBe(false);
    await expect(runContained({ file: '/bin/true', args: [], cwd: dir, wallMs: 1000, outputBytes: 10, helper: own })).rejects.toThrow(/could not start/);
  });
});

function readTrimmed(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

describe.skipIf(reason !== undefined)('SpawnHelper launched as a remote helper (as inside a resident sandbox)', () => {
  it('hands its kept fds to children, keeps them in its session if asked, and kills through itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'codebench-helper-'));
    const fd = openSync(join(dir, 'kept.txt'), 'w');
    const helper = await SpawnHelper.launch({ file: python!, args: ['-I', '-S', '-B', SPAWN_HELPER_SCRIPT, '--keep', '3'], passFds: [fd], remote: true });
    closeSync(fd);
    try {
      const own = await runContained({ file: '/bin/sh', args: ['-c', 'echo kept >&3; ps -o sid= -p $$; ps -o sid= -p $PPID'], cwd: dir, wallMs: 10_000, outputBytes: 4096, helper, passKept: [0], sameSession: true });
      expect(own.exitCode).toBe(0);
      expect(readFileSync(join(dir, 'kept.txt'), 'utf8')).toBe('kept\n');
      const [child, parent] = own.stdout.trim().split(/\s+/);
      expect(child).toBe(parent);
      // A kill goes through the helper: SIGTERM to a child that asked for it, which may clean up.
      const term = await runContained({ file: '/bin/sh', args: ['-c', 'trap "echo cleaned; exit 3" TERM; while :; do sleep 0.05; done'], cwd: dir, wallMs: 300, outputBytes: 4096, helper, killWithTerm: true });
      expect(term).toMatchObject({ stop: 'wall-timeout', exitCode: 3, stdout: 'cleaned\n' });
    } finally {
      await helper.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

