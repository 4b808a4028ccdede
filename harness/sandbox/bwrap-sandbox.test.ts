import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BwrapSandbox } from './bwrap-sandbox.ts';
import { leftoverProcesses, sandboxUnavailableReason, TEST_LIMITS } from './test-support.ts';

const skip = sandboxUnavailableReason();
if (skip) console.warn(`skipping bubblewrap sandbox tests: ${skip}`);

// Both launchers: a resident bwrap per slot (the default) and a bwrap per run.
describe.skipIf(skip).each([
  { launcher: 'resident', resident: true },
  { launcher: 'helper', resident: false },
] as const)('BwrapSandbox ($launcher)', ({ launcher, resident }) => {
  let sandbox: BwrapSandbox;
  let server: Server;
  let port = 0;
  let connections = 0;
  const SECRET = 'sk-test-do-not-leak-4242';

  beforeAll(async () => {
    process.env.CODEBENCH_TEST_SECRET = SECRET;
    sandbox = await BwrapSandbox.create({ slots: 2, resident });
    server = createServer((s) => {
      connections++;
      s.end('hello');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });

  afterAll(async () => {
    delete process.env.CODEBENCH_TEST_SECRET;
    await sandbox?.close();
    server?.close();
  });

  const slotProcesses = () => leftoverProcesses(sandbox);

  const py = (code: string, limits = TEST_LIMITS) =>
    sandbox.run({ files: { 'main.py': code }, argv: ['python3', '-I', '-u', 'main.py'], limits });

  it('runs a program and returns its output and exit code', async () => {
    // python3 and a C compiler are on every machine these tests run on (scripts/setup.sh).
    expect(sandbox.isolation.launcher).toBe(launcher);
    const r = await py('import sys\nprint("hi")\nsys.exit(3)');
    expect(r).toMatchObject({ stop: 'exited', exitCode: 3, stdout: 'hi\n' });
  });

  it('shows the code no secret: not in its environment, not in /proc/*/environ', async () => {
    const r = await py(`import os, glob
print(sorted(os.environ.items()))
for p in glob.glob('/proc/*/environ'):
    try: print(p, open(p, 'rb').read())
    except Exception as e: print(p, e)`);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('/proc/1/environ');
    expect(r.stdout).not.toContain(SECRET);
    expect(r.stdout).not.toContain('CODEBENCH_TEST_SECRET');
  });

  it('runs as an unprivileged user that cannot read host secrets or write the system', async () => {
    const r = await py(`import os
print('uid', os.getuid())
for path in ['/etc/shadow', '/root', '${process.cwd()}/package.json', '/home']:
    print(path, os.path.exists(path))
for path in ['/etc/x', '/usr/x', '/x', 'main.py']:
    try:
        open(path, 'w').write('x'); print('WROTE', path)
    except OSError as e: print('denied', path, e.errno)
open('/tmp/scratch', 'w').write('ok'); print('tmp ok')`);
    expect(r.stdout).toContain('uid 1000');
    expect(r.stdout).toMatch(/\/etc\/shadow False/);
    expect(r.stdout).toMatch(/\/root False/);
    expect(r.stdout).toMatch(/package\.json False/);
    expect(r.stdout).not.toContain('WROTE');
    expect(r.stdout).toContain('tmp ok');
    if (process.getuid?.() === 0) {
      expect(sandbox.isolation.uids).toHaveLength(2);
      // Zombies included: each run's own pid namespace reaps bwrap's (bubblewrap#697).
      expect(await slotProcesses()).toEqual([]);
    }
  });

  it('has no network: the host listener on 127.0.0.1 is out of reach', async () => {
    const r = await py(`import socket
for host in [('127.0.0.1', ${port}), ('1.1.1.1', 80)]:
    try:
        socket.create_connection(host, timeout=2); print('CONNECTED', host)
    except OSError as e: print('blocked', host, e)`);
    expect(r.stdout).not.toContain('CONNECTED');
    expect(r.stdout.match(/blocked/g)).toHaveLength(2);
    expect(connections).toBe(0);
  });

  it('kills the whole tree at the wall-clock limit, daemons included', async () => {
    const started = Date.now();
    const r = await py(`import os, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        while True: time.sleep(1)
    os._exit(0)
time.sleep(100)`, { ...TEST_LIMITS, wallMs: 1500 });
    expect(r.stop).toBe('wall-timeout');
    expect(Date.now() - started).toBeLessThan(4000);
    // Other graders may be running on this machine: look at our slot uids only.
    if (process.getuid?.() === 0) expect(await slotProcesses()).toEqual([]);
  });

  it('stops CPU burners by CPU time', async () => {
    const r = await py('while True: pass', { ...TEST_LIMITS, cpuSeconds: 1, wallMs: 8000 });
    expect(r.stop).toBe('cpu-limit');
  });

  it('caps output and kills a program that prints without end', async () => {
    const r = await py('while True: print("x" * 1000)', { ...TEST_LIMITS, outputBytes: 100_000 });
    expect(r.stop).toBe('output-cap');
    expect(r.truncated).toBe(true);
    expect(r.stdout.length).toBeLessThanOrEqual(100_000);
  });

  it('feeds stdin and then closes it, so a read never blocks', async () => {
    const r = await sandbox.run({ files: { 'main.py': 'import sys\nprint(sys.stdin.read().upper())\ninput()' }, argv: ['python3', '-I', 'main.py'], stdin: 'abc', limits: TEST_LIMITS });
    expect(r.stdout).toContain('ABC');
    expect(r.stderr).toContain('EOFError');
  });

  it('runs Node with its files, and refuses a workspace path that escapes', async () => {
    const r = await sandbox.run({ files: { 'main.js': 'console.log(require("./lib/x.js").v, require("os").userInfo().username)', 'lib/x.js': 'exports.v = 42' }, argv: ['node', 'main.js'], limits: TEST_LIMITS });
    expect(r.stdout.trim()).toBe('42 sandbox');
    await expect(sandbox.run({ files: { '../evil': 'x' }, argv: ['node', 'main.js'], limits: TEST_LIMITS })).rejects.toThrow(/leaves the workspace/);
  });

  it('reuses slot folders, but no file of one run reaches the next', async () => {
    await sandbox.run({ files: { 'main.py': 'print(1)', 'secret.txt': 'from run 1' }, argv: ['python3', 'main.py'], limits: TEST_LIMITS });
    for (let i = 0; i < 3; i++) {
      const r = await py('import os\nprint(sorted(os.listdir(".")))\nopen("made-here.txt", "w").write("x")');
      expect(r.stdout.trim()).toBe("['main.py']");
    }
    expect(readdirSync(sandbox.workRoot).filter((f) => f.startsWith('run-'))).toEqual([]);
  });

  it('runs the seccomp filter: no AF_VSOCK, no ptrace, while ordinary sockets still work', async () => {
    if (!sandbox.isolation.seccomp) return console.warn(`no seccomp filter for ${process.arch}`);
    const r = await py(`import ctypes, socket
try:
    socket.socket(socket.AF_VSOCK, socket.SOCK_STREAM); print('vsock created')
except OSError as e: print('vsock', e.errno)
libc = ctypes.CDLL(None, use_errno=True)
print('ptrace', libc.ptrace(0, 0, 0, 0), ctypes.get_errno())
socket.socket(socket.AF_INET, socket.SOCK_STREAM).close(); print('inet ok')`);
    expect(r.stdout).toBe('vsock 97\nptrace -1 1\ninet ok\n');
  });

  it('allows no nested user namespace, so no root of its own inside', async () => {
    if (!sandbox.hasTool('sh')) return console.warn('no sh tool');
    const r = await sandbox.run({ files: {}, argv: ['sh', '-c', 'unshare -Ur true; echo "unshare $?"; bwrap --ro-bind / / true; echo "bwrap $?"'], limits: TEST_LIMITS });
    expect(r.stdout).toMatch(/^unshare [1-9]\d*\nbwrap [1-9]\d*\n$/);
  });

  it('reports an OOM kill at the cgroup memory limit, with the CPU time used', async () => {
    if (sandbox.isolation.cgroups.mode === 'none') return console.warn(`no cgroups: ${sandbox.isolation.cgroups.reason}`);
    // Buffers live outside the V8 heap, so only the cgroup stops them.
    const r = await sandbox.run({ files: { 'main.js': 'const keep = []; for (;;) keep.push(Buffer.alloc(16 * 2 ** 20, 1));' }, argv: ['node', 'main.js'], limits: { ...TEST_LIMITS, memoryBytes: 192 * 2 ** 20 } });
    expect(r).toMatchObject({ stop: 'exited', memoryExceeded: true });
    expect(r.stderr).toMatch(/OOM-killed the program at the 192 MiB memory limit/);
    expect(r.cpuMs).toBeGreaterThan(0);
    const ok = await py('print(1)');
    expect(ok).toMatchObject({ memoryExceeded: false, exitCode: 0 });
  });

  it('calls a program that ignores SIGXCPU out of CPU time when the hard limit kills it', async () => {
    const r = await py('import signal\nsignal.signal(signal.SIGXCPU, signal.SIG_IGN)\nwhile True: pass', { ...TEST_LIMITS, cpuSeconds: 1, wallMs: 8000 });
    expect(r.stop).toBe('cpu-limit');
    if (r.cpuMs !== undefined) expect(r.cpuMs).toBeGreaterThanOrEqual(1000);
  });
});

describe.skipIf(skip)('BwrapSandbox without cgroups or seccomp (the degraded mode)', () => {
  let sandbox: BwrapSandbox;
  beforeAll(async () => {
    sandbox = await BwrapSandbox.create({ slots: 1, cgroups: false, seccomp: false });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('says so, still runs code, and still takes the whole tree down at the wall limit', async () => {
    expect(sandbox.isolation).toMatchObject({ cgroups: { mode: 'none', reason: 'cgroups turned off' }, seccomp: undefined });
    const ok = await sandbox.run({ files: { 'main.py': 'print(6 * 7)' }, argv: ['python3', 'main.py'], limits: TEST_LIMITS });
    expect(ok).toMatchObject({ exitCode: 0, stdout: '42\n', memoryExceeded: undefined, cpuMs: undefined });
    const daemon = await sandbox.run({ files: { 'main.py': 'import os, time\nif os.fork() == 0:\n    os.setsid()\n    while True: time.sleep(0.05)\ntime.sleep(100)' }, argv: ['python3', 'main.py'], limits: { ...TEST_LIMITS, wallMs: 1000 } });
    expect(daemon.stop).toBe('wall-timeout');
    expect(await leftoverProcesses(sandbox)).toEqual([]);
  });
});

describe.skipIf(skip)('BwrapSandbox joining cgroups through a root shell (kernels before 5.16)', () => {
  let sandbox: BwrapSandbox;
  beforeAll(async () => {
    sandbox = await BwrapSandbox.create({ slots: 1, cgroupJoin: 'shell' });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('still limits memory, reports OOM kills and CPU time, and leaves nothing behind', async () => {
    if (sandbox.isolation.cgroups.mode === 'none') return console.warn(`no cgroups: ${sandbox.isolation.cgroups.reason}`);
    const oom = await sandbox.run({ files: { 'main.js': 'const keep = []; for (;;) keep.push(Buffer.alloc(16 * 2 ** 20, 1));' }, argv: ['node', 'main.js'], limits: { ...TEST_LIMITS, memoryBytes: 192 * 2 ** 20 } });
    expect(oom).toMatchObject({ memoryExceeded: true });
    const ok = await sandbox.run({ files: { 'main.py': 'print(sum(range(10 ** 6)))' }, argv: ['python3', 'main.py'], limits: TEST_LIMITS });
    expect(ok).toMatchObject({ exitCode: 0, stdout: '499999500000\n', memoryExceeded: false });
    expect(ok.cpuMs).toBeGreaterThan(0);
    const hung = await sandbox.run({ files: { 'main.py': 'import time\ntime.sleep(100)' }, argv: ['python3', 'main.py'], limits: { ...TEST_LIMITS, wallMs: 800 } });
    expect(hung.stop).toBe('wall-timeout');
    expect(await leftoverProcesses(sandbox)).toEqual([]);
  });
});

describe.skipIf(skip)('BwrapSandbox spawning with Node itself (no python3 for the vfork helper)', () => {
  let sandbox: BwrapSandbox;
  beforeAll(async () => {
    sandbox = await BwrapSandbox.create({ slots: 1, spawnHelper: false });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('says so, and isolates and kills just the same', async () => {
    expect(sandbox.isolation.launcher).toBe('node');
    const ok = await sandbox.run({ files: { 'main.py': 'import os\nprint(len(os.environ) <= 8, os.getuid() != 0)' }, argv: ['python3', 'main.py'], limits: TEST_LIMITS });
    expect(ok).toMatchObject({ exitCode: 0, stdout: 'True True\n' });
    const hung = await sandbox.run({ files: { 'main.py': 'import os, time\nos.fork()\ntime.sleep(100)' }, argv: ['python3', 'main.py'], limits: { ...TEST_LIMITS, wallMs: 800 } });
    expect(hung.stop).toBe('wall-timeout');
    expect(await leftoverProcesses(sandbox)).toEqual([]);
  });
});
