import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildEnterArgs, buildLaunchLine, buildResident, buildWaiter, foldersToHide, quote } from './build-bwrap-args.ts';
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

describe('the resident sandbox and its per-run launcher', () => {
  const node = { name: 'node', path: '/opt/node/bin/node', addressSpaceLimit: false, memoryArgs: () => ['--max-old-space-size=448'] };
  const sh = { name: 'sh', path: '/usr/bin/dash', addressSpaceLimit: false, mounts: [{ host: '/work/p/node_modules/.cache', path: '/work/p/node_modules/.cache' }, { host: '/etc/java-17-openjdk', path: '/etc/java-17-openjdk' }] };
  const residentOptions = { bwrap: '/usr/bin/bwrap', uid: 1_879_048_200, passwdFile: '/w/passwd', groupFile: '/w/group', tools: [python, node, sh], turnDirs: ['/w/slot-0a', '/w/slot-0b'] as [string, string], enter: '/c/sandbox-enter', helperScript: '/p/spawn-helper.py', python: '/usr/bin/python3', seccompFile: '/w/seccomp.bpf', keptFds: 6 };

  it('builds the slot once, with every tool, both turns and capabilities kept inside for the launcher', () => {
    const r = buildResident(residentOptions);
    expect(r.file).toBe('/usr/bin/unshare');
    const args = r.args.join(' ');
    expect(args).toContain('--unshare-all --unshare-user --disable-userns');
    expect(args).toContain('--cap-add ALL');
    expect(args).toContain('--ro-bind /opt/node/bin/node /opt/node/bin/node');
    expect(args).toContain('--ro-bind-try /work/p/node_modules/.cache /work/p/node_modules/.cache');
    expect(args).toContain('--ro-bind /w/slot-0a /in/a --ro-bind /w/slot-0b /in/b');
    expect(args).toContain('--ro-bind /w/seccomp.bpf /cb/seccomp');
    expect(r.args.slice(-8)).toEqual(['--', '/usr/bin/python3', '-I', '-S', '-B', '/cb/spawn-helper.py', '--keep', '3,4,5,6,7,8']);
    expect(buildResident({ ...residentOptions, lowerAutogroup: true }).args.slice(-4)).toEqual(['--autogroup-nice', '19', '--keep', '3,4,5,6,7,8']);
    expect(buildResident({ ...residentOptions, uid: undefined }).file).toBe('/usr/bin/bwrap');
  });

  it('hides the folders only other tools need, so a Python run finds no project folder', () => {
    expect(foldersToHide([python, node, sh], python)).toEqual(['/opt', '/work']);
    expect(foldersToHide([python, node, sh], node)).toEqual(['/work']);
    expect(foldersToHide([python, node, sh], sh)).toEqual(['/opt']);
  });

  it('gives each run its limits, fresh tmpfs, its own files from its turn, and hides the rest', () => {
    const args = buildEnterArgs({ uidDrop: true, limits: TEST_LIMITS, tool: node, toolArgs: ['main.js'], turn: 1, names: ['main.js', 'lib/x.js'], statusFd: 3, seccompFd: 4, cgroupFds: [5, 6], chainProcesses: 8, hide: ['/work'] });
    const text = args.join(' ');
    expect(text).toMatch(/^--status-fd 3 --seccomp-fd 4 --cgroup-fd 5 --cgroup-fd 6 /);
    expect(text).toContain(`--limit cpu 2 3 --limit fsize ${TEST_LIMITS.fileSizeBytes} ${TEST_LIMITS.fileSizeBytes} --limit nofile 256 256 --limit core 0 0 --limit nproc ${TEST_LIMITS.pids + 8}`);
    // V8 reserves more address space than it uses: no RLIMIT_AS for node.
    expect(text).not.toContain('--limit as');
    expect(text).toContain('--remount-ro /dev');
    expect(text).toContain('--tmpfs /box 268435456 0755 --tmpfs /tmp 67108864 1777 --tmpfs /dev/shm 16777216 1777');
    expect(text).toContain('--bind /in/b/main.js /box/main.js --bind /in/b/lib/x.js /box/lib/x.js');
    expect(text).toContain('--hide /work --hide /in --hide /cb');
    expect(text).toContain('--setenv HOME /box');
    expect(args.slice(-6)).toEqual(['/box', '--', '/opt/node/bin/node', '/opt/node/bin/node', '--max-old-space-size=448', 'main.js']);
    const py = buildEnterArgs({ uidDrop: false, limits: TEST_LIMITS, tool: python, toolArgs: ['main.py'], turn: 0, names: ['main.py'], statusFd: 3, cgroupFds: [], chainProcesses: 8, hide: [] });
    expect(py.join(' ')).not.toContain('--limit nproc');
    expect(py.join(' ')).toContain(`--limit as ${TEST_LIMITS.memoryBytes} ${TEST_LIMITS.memoryBytes}`);
    expect(py.join(' ')).not.toContain('--seccomp-fd');
  });
});
