import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildLaunchLine, buildWaiter, quote } from './build-bwrap-args.ts';
import { TEST_LIMITS } from './test-support.ts';

const python = { name: 'python3', path: '/usr/bin/python3', addressSpaceLimit: true };
const waiterOptions = { bwrap: '/usr/bin/bwrap', uid: 1_879_048_200, passwdFile: '/w/passwd', groupFile: '/w/group', tool: python, binds: [{ host: '/w/slot-0a/main.py', box: 'main.py' }], statusFd: 3, seccompFd: 4 };

describe('the launch chain', () => {
  it('quotes any word so that the waiting shell gets it back unchanged, newlines included', () => {
    const words = ['plain', "it's", 'a b', '$HOME `id` $(id)', 'back\\slash', 'two\nlines', '', '"', "'", '*'];
    // The shell that waits inside the sandbox, run here on its own.
    const args = buildWaiter(waiterOptions).args;
    const reader = args.slice(args.lastIndexOf('/bin/sh') + 1);
    const line = `set -- ${['/usr/bin/printf', '%s\\0', ...words].map(quote).join(' ')}\nstdin after the line`;
    const out = execFileSync('/bin/sh', reader, { env: {}, input: line });
    expect(out.toString().split('\0').slice(0, -1)).toEqual(words);
  });

  it('drops to the slot uid in its own pid namespace, builds the sandbox, and joins the cgroups inside through our fds', () => {
    const w = buildWaiter({ ...waiterOptions, join: { viaFds: [5, 6] } });
    expect(w.file).toBe('/usr/bin/unshare');
    expect(w.args.slice(0, 8)).toEqual(['--pid', '--fork', '--kill-child', '--setgid', '1879048200', '--setuid', '1879048200', '--']);
    expect(w.args[8]).toBe('/usr/bin/bwrap');
    const tail = w.args.slice(w.args.indexOf('--ro-bind', w.args.indexOf('/etc/group')));
    expect(tail.slice(0, 3)).toEqual(['--ro-bind', '/w/slot-0a/main.py', '/box/main.py']);
    expect(tail.slice(3, 14)).toEqual(['--chdir', '/box', '--remount-ro', '/', '--json-status-fd', '3', '--seccomp', '4', '--', '/bin/sh', '-c']);
    // The fds are closed before anything else runs.
    expect(tail[14]).toMatch(/^echo 0 >&5 && echo 0 >&6 \|\| exit 111; exec 5>&- 6>&-; nl=/);
    const unprivileged = buildWaiter({ ...waiterOptions, uid: undefined });
    expect(unprivileged.file).toBe('/usr/bin/bwrap');
    expect(unprivileged.args.at(-2)).toMatch(/^nl=/);
  });

  it('on older kernels, joins the cgroups in a root shell in front of the chain', () => {
    const w = buildWaiter({ ...waiterOptions, join: { viaShell: ['/cg/a/cgroup.procs', '/cg/b/cgroup.procs'] } });
    expect(w.file).toBe('/bin/sh');
    expect(w.args.slice(2, 7)).toEqual(['sh', '2', '/cg/a/cgroup.procs', '/cg/b/cgroup.procs', '/usr/bin/unshare']);
    expect(w.args.at(-2)).toMatch(/^nl=/);
  });

  it('binds a tool that lives outside /usr, and its mounts, only for that tool', () => {
    const node = { name: 'node', path: '/opt/node/bin/node', addressSpaceLimit: false, mounts: [{ host: '/opt/cache', path: '/opt/cache' }] };
    const w = buildWaiter({ ...waiterOptions, tool: node }).args.join(' ');
    expect(w).toContain('--ro-bind /opt/node/bin/node /opt/node/bin/node');
    expect(w).toContain('--ro-bind-try /opt/cache /opt/cache');
    expect(buildWaiter(waiterOptions).args.join(' ')).not.toContain('/opt/');
  });

  it('sets the rlimits in the line, then starts the tool', () => {
    const line = buildLaunchLine({ uidDrop: true, limits: TEST_LIMITS, tool: python, toolArgs: ['-I', 'main.py'] });
    expect(line.split('\n')).toEqual([expect.any(String), '']);
    expect(line).toMatch(/^ulimit -S -t 2 \|\| exit 113; ulimit -H -t 3 \|\| exit 113; /);
    expect(line).toContain(`ulimit -f ${TEST_LIMITS.fileSizeBytes / 512} ||`);
    expect(line).toContain('ulimit -n 256 ||');
    expect(line).toContain('ulimit -c 0 ||');
    expect(line).toContain(`ulimit -p ${TEST_LIMITS.pids} ||`);
    expect(line).toContain(`ulimit -v ${TEST_LIMITS.memoryBytes / 1024} ||`);
    expect(line).toMatch(/; set -- '\/usr\/bin\/python3' '-I' 'main.py'\n$/);
    const node = buildLaunchLine({ uidDrop: false, limits: TEST_LIMITS, tool: { name: 'node', path: '/usr/bin/node', addressSpaceLimit: false, memoryArgs: () => ['--max-old-space-size=448'] }, toolArgs: ['main.js'] });
    expect(node).not.toContain('ulimit -p');
    expect(node).not.toContain('ulimit -v');
    expect(node).toContain("set -- '/usr/bin/node' '--max-old-space-size=448' 'main.js'");
  });
});
