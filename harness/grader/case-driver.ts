/** File name of the case driver in the sandbox's workspace. */
export const CASE_DRIVER_FILE = 'codebench_cases.py';

/**
 * Runs a `program` task's candidate once per case inside one sandbox run:
 * `python3 -I codebench_cases.py <candidate argv…>`, with stdin holding the nonce line and then a
 * JSON object `{cpu, wall, outputBytes, cases: [{input, sha256}]}`.
 *
 * Why it is safe to let untrusted code run under it:
 * - It reads all of stdin before the first case starts, so nothing is left in the pipe, and makes
 *   itself non-dumpable, so a candidate of the same uid cannot open its /proc files (memory, fds).
 * - Each candidate gets its case's input as a fresh memfd on stdin and pipes for stdout/stderr,
 *   never the driver's own descriptors; it runs in its own session, and the whole process group is
 *   killed after the case.
 * - Expected outputs never enter the sandbox, only their sha256 (to stop at the first wrong case);
 *   the grader recomputes every verdict from the digests of what the candidate printed.
 * - Every report line starts with the nonce and the last one is `<nonce> done`, so output the
 *   candidate smuggles onto the run's stdout (through a parent's /proc fd) cannot forge a report.
 *
 * Per case: RLIMIT_CPU of `cpu` seconds (soft; hard one more), `wall` seconds of wall clock, and
 * `outputBytes` of stdout. A report is one JSON line:
 * `{case, status: ok|exit|signal|cpu|wall|output|start, sha256, ms, cpuMs, code?, signal?, stdout?, stderr?}`;
 * stdout (its head) and stderr (its tail) are sent only for the case that failed, the last one run.
 */
export const CASE_DRIVER = String.raw`import hashlib, json, os, resource, selectors, signal, subprocess, sys, time

def no_dump():
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 0
    except Exception:
        pass

def normalize(data):
    lines = [line.rstrip(b' \t\r\f\v') for line in data.split(b'\n')]
    while lines and lines[-1] == b'':
        lines.pop()
    return b'\n'.join(lines)

def stdin_for(data):
    if hasattr(os, 'memfd_create'):
        fd = os.memfd_create('stdin', 0)
    else:
        import tempfile
        fd = os.dup(tempfile.TemporaryFile().fileno())
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    os.lseek(fd, 0, os.SEEK_SET)
    return fd

def run_case(argv, data, cpu, wall, cap):
    fd = stdin_for(data)
    limit = lambda: resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    start = time.monotonic()
    try:
        proc = subprocess.Popen(argv, stdin=fd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, preexec_fn=limit)
    except OSError as error:
        return {'status': 'start', 'stderr': str(error)}, b''
    finally:
        os.close(fd)
    out, err = bytearray(), bytearray()
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ, 'out')
    sel.register(proc.stderr, selectors.EVENT_READ, 'err')
    try:
        pidfd = os.pidfd_open(proc.pid)
        sel.register(pidfd, selectors.EVENT_READ, 'exit')
    except (AttributeError, OSError):
        pidfd = None
    pipes, waited, killed = 2, None, None
    deadline = start + wall
    while True:
        if waited is None:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                waited = (status, usage)
                if pidfd is not None:
                    sel.unregister(pidfd)
        if pipes == 0 and waited is not None:
            break
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            killed = 'wall'
            break
        events = sel.select(min(remaining, 0.05 if pidfd is None else remaining))
        for key, _ in events:
            if key.data == 'exit':
                continue
            chunk = os.read(key.fd, 65536)
            if not chunk:
                sel.unregister(key.fileobj)
                pipes -= 1
            elif key.data == 'out':
                out += chunk
                if len(out) > cap:
                    killed = 'output'
            else:
                err += chunk
                if len(err) > 65536:
                    del err[:-8192]
        if killed:
            break
    ms = round((time.monotonic() - start) * 1000)
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    if waited is None:
        _, status, usage = os.wait4(proc.pid, 0)
        waited = (status, usage)
    sel.close()
    proc.stdout.close()
    proc.stderr.close()
    if pidfd is not None:
        os.close(pidfd)
    status, usage = waited
    cpu_ms = round((usage.ru_utime + usage.ru_stime) * 1000)
    report = {'ms': ms, 'cpuMs': cpu_ms, 'stderr': err[-4096:].decode('utf-8', 'replace')}
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        report['signal'] = signal.Signals(sig).name if sig in signal.valid_signals() else str(sig)
        out_of_cpu = sig == signal.SIGXCPU or (sig == signal.SIGKILL and cpu_ms >= cpu * 1000)
        report['status'] = killed or ('cpu' if out_of_cpu else 'signal')
    else:
        report['code'] = os.WEXITSTATUS(status)
        report['status'] = killed or ('ok' if report['code'] == 0 else 'exit')
    return report, bytes(out)

def main():
    no_dump()
    nonce = sys.stdin.buffer.readline().decode().strip()
    config = json.loads(sys.stdin.buffer.read())
    argv = sys.argv[1:]
    cpu, wall, cap = int(config['cpu']), float(config['wall']), int(config['outputBytes'])
    emit = lambda obj: os.write(1, (nonce + ' ' + json.dumps(obj) + '\n').encode())
    for index, case in enumerate(config['cases']):
        report, out = run_case(argv, case['input'].encode('utf-8', 'surrogatepass'), cpu, wall, cap)
        report['case'] = index
        report['sha256'] = hashlib.sha256(normalize(out)).hexdigest()
        passed = report['status'] == 'ok' and report['sha256'] == case['sha256']
        if passed:
            del report['stderr']
        else:
            report['stdout'] = out[:65536].decode('utf-8', 'replace')
        emit(report)
        if not passed:
            break
    os.write(1, (nonce + ' done\n').encode())

main()
`;
