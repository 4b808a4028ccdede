import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxError } from '../core/errors.ts';
import { BwrapSandbox } from './bwrap-sandbox.ts';
import { leftoverProcesses, sandboxUnavailableReason, TEST_LIMITS } from './test-support.ts';

const skip = sandboxUnavailableReason();
if (skip) console.warn(`skipping resident sandbox tests: ${skip}`);

// Everything one run could leave behind in a sandbox that its slot's next run shares.
const LEAVE = `import ctypes, os, time
libc = ctypes.CDLL(None)
for p in ['/box/left', '/tmp/left', '/dev/shm/left', '/dev/left']:
    try: open(p, 'w').write('x')
    except OSError as e: print(p, e.strerror)
print('shm', libc.shmget(0x1234, 4096, 0o1000 | 0o666) >= 0)
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        while True: time.sleep(0.05)
    os._exit(0)
time.sleep(0.2)
`;
const FIND = `import os
print(sorted(p for p in ['/box/left', '/tmp/left', '/dev/shm/left', '/dev/left', '/in/a/main.py', '/in/b/main.py'] if os.path.exists(p)))
print(open('/proc/sysvipc/shm').read().count('\\n') - 1)
print(sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))
`;

describe.skipIf(skip)('BwrapSandbox with a resident sandbox per slot', () => {
  let sandbox: BwrapSandbox;
  beforeAll(async () => {
    sandbox = await BwrapSandbox.create({ slots: 1 });
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  const py = (code: string, limits = TEST_LIMITS) => sandbox.run({ files: { 'main.py': code }, argv: ['python3', 'main.py'], limits });

  it('gives each run of a slot fresh files, IPC and processes: nothing of one run reaches the next', async () => {
    expect(sandbox.isolation.launcher).toBe('resident');
    const left = await py(LEAVE);
    expect(left).toMatchObject({ exitCode: 0 });
    expect(left.stdout).toContain('/dev/left Read-only file system');
    expect(left.stdout).toContain('shm True');
    const next = await py(FIND);
    // Only this run's own PID 1 and the program itself: not the daemon, not the slot's helper.
    expect(next.stdout).toBe('[]\n0\n[1, 2]\n');
    expect(await leftoverProcesses(sandbox)).toEqual([]);
  });

  it('keeps no capability and no way back to the helper that starts runs', async () => {
    const r = await py(`import os
caps = [l for l in open('/proc/self/status') if l.startswith('Cap')]
print(''.join(caps))
print(os.getuid(), os.getppid())
try: os.kill(1, 9); print('signalled init')
except OSError as e: print('kill', e.strerror)
for p in ['/proc/1/environ', '/proc/1/mem', '/cb/spawn-helper.py']:
    try: open(p, 'rb').read(16); print('read', p)
    except OSError as e: print(p, e.strerror)
try: os.unshare(0x10000000)
except AttributeError: print('no os.unshare')
except OSError as e: print('unshare', e.strerror)
`);
    expect(r.exitCode).toBe(0);
    for (const line of ['CapInh:\t0000000000000000', 'CapPrm:\t0000000000000000', 'CapEff:\t0000000000000000', 'CapBnd:\t0000000000000000', 'CapAmb:\t0000000000000000']) expect(r.stdout).toContain(line);
    expect(r.stdout).toContain('1000 1\n');
    expect(r.stdout).toContain('/proc/1/environ Permission denied');
    expect(r.stdout).toContain('/proc/1/mem Permission denied');
    // The slot's own programs and both turns' folders are hidden from runs.
    expect(r.stdout).toContain('/cb/spawn-helper.py No such file or directory');
    // The signal to the namespace's init is dropped by the kernel; init is still there to report.
    const after = await py('print("still fine")');
    expect(after.stdout).toBe('still fine\n');
  });

  it('starts the slot again for the next run when its resident sandbox died', async () => {
    const { exact } = await sandbox.idleProcessIds();
    // The chain ends in the helper, which a crash would take first.
    const helper = exact.at(-1)!;
    process.kill(helper, 'SIGKILL');
    await expect.poll(async () => (await sandbox.idleProcessIds()).exact.includes(exact[0]!), { timeout: 5000 }).toBe(false);
    const r = await py('print(6 * 7)');
    expect(r).toMatchObject({ exitCode: 0, stdout: '42\n' });
    const { exact: now } = await sandbox.idleProcessIds();
    expect(now[0]).not.toBe(exact[0]);
    expect(await leftoverProcesses(sandbox)).toEqual([]);
    // (A loop that is not starved is judged as before: ./read-bwrap-result.test.ts. Run here it
    // would depend on the machine's other load, which an idle-priority run must yield to.)
  });
});

describe.skipIf(skip)('BwrapSandbox at idle priority', () => {
  let sandbox: BwrapSandbox;
  beforeAll(async () => {
    sandbox = await BwrapSandbox.create({ slots: 1, idlePriority: true });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('leaves a run unscored, not timed out, when busy processes of normal priority starved it of CPU', async () => {
    if (!sandbox.isolation.idlePriority) return console.warn(`not at idle priority here (cgroups: ${sandbox.isolation.cgroups.reason})`);
    const spin = { files: { 'main.py': 'while True: pass' }, argv: ['python3', 'main.py'], limits: { ...TEST_LIMITS, wallMs: 1500 } };
    const hogs = Array.from({ length: availableParallelism() }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
    try {
      await expect(sandbox.run(spin)).rejects.toThrow(SandboxError);
      await expect(sandbox.run(spin)).rejects.toThrow(/for a CPU: the machine was too busy/);
    } finally {
      for (const hog of hogs) hog.kill('SIGKILL');
    }
    expect(await leftoverProcesses(sandbox)).toEqual([]);
    // (A loop that is not starved is judged as before: ./read-bwrap-result.test.ts. Run here it
    // would depend on the machine's other load, which an idle-priority run must yield to.)
  });
});
