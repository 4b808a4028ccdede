import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BwrapSandbox } from './bwrap-sandbox.ts';
import { sandboxUnavailableReason, TEST_LIMITS } from './test-support.ts';

const skip = sandboxUnavailableReason();
if (skip) console.warn(`skipping bubblewrap sandbox tests: ${skip}`);

describe.skipIf(skip)('BwrapSandbox', () => {
  let sandbox: BwrapSandbox;
  let server: Server;
  let port = 0;
  let connections = 0;
  const SECRET = 'sk-test-do-not-leak-4242';

  beforeAll(async () => {
    process.env.CODEBENCH_TEST_SECRET = SECRET;
    sandbox = await BwrapSandbox.create({ slots: 2 });
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

  const py = (code: string, limits = TEST_LIMITS) =>
    sandbox.run({ files: { 'main.py': code }, argv: ['python3', '-I', '-u', 'main.py'], limits });

  it('runs a program and returns its output and exit code', async () => {
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
      // Zombies are excluded: bwrap leaves one per run for PID 1 to reap (bubblewrap#697).
      const ps = execFileSync('ps', ['-eo', 'uid=,stat=,args=']).toString().split('\n');
      expect(ps.filter((l) => Number(l.trim().split(/\s+/)[0]) >= 200_000 && !/^\s*\d+\s+Z/.test(l))).toEqual([]);
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
    const left = execFileSync('ps', ['-eo', 'args=']).toString().split('\n').filter((l) => l.includes('main.py') && !l.includes('ps -eo'));
    expect(left).toEqual([]);
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

  it('leaves no run folders behind', async () => {
    await py('print(1)');
    expect(readdirSync(sandbox.workRoot).filter((f) => f.startsWith('run-'))).toEqual([]);
  });
});
