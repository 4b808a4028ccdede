"""Spawns sandbox chains for codebench and relays their pipes (see ./spawn-helper.ts).

Node forks its whole process to spawn a child; on small VMs that costs 10-20 ms of CPU per
sandbox. CPython's subprocess uses vfork, so this small process spawns for a fraction of that.
It runs as the same user as codebench, with an empty environment, and only ever starts the
programs codebench names.

Frames both ways: u32 payload length, u8 type, u32 id, payload.
  to us:   S spawn (JSON: file, args, cwd, status, passFiles [[path, "r"|"w"]], passKept [index],
             sameSession: its own process group in our session instead of a session of its own),
           I stdin bytes, E end of stdin, F forget (close the pipes; reap quietly),
           K kill: SIGKILL to the child's process group, or SIGTERM to the child alone when
             it was spawned with "killWithTerm" (a child that takes its tree down and waits)
  from us: R ready, P started (JSON: pid | error), 1 stdout, 2 stderr, 3 status,
           X exit (JSON: code, signal), C all pipes closed

Started with `--keep 3,4`, it keeps those inherited fds for passKept: that is how a helper inside
a sandbox holds files it could not open itself (cgroup.procs, opened by root). Started with
`--autogroup-nice 19`, it first lowers its session's scheduler autogroup.
"""
import fcntl
import json
import os
import selectors
import signal
import struct
import subprocess
import sys
import time

HEADER = struct.Struct('>IBI')
# Fds 3..15 are held by placeholders so that everything this process opens lands above them,
# and the child's extra fds can be put in place with dup2 just before each spawn.
FIRST_EXTRA = 3
LAST_EXTRA = 15
CHUNK = 65536


def send(kind, ident, payload=b''):
    data = HEADER.pack(len(payload), ord(kind), ident) + payload
    view = memoryview(data)
    while view:
        view = view[os.write(1, view):]


class Child:
    def __init__(self, ident, proc, status_fd):
        self.ident = ident
        self.proc = proc
        self.pending = bytearray()
        self.stdin_open = True
        self.stdin_ending = False
        # fd -> (frame type, the file object that owns the fd, if any)
        self.readers = {proc.stdout.fileno(): ('1', proc.stdout), proc.stderr.fileno(): ('2', proc.stderr)}
        if status_fd is not None:
            self.readers[status_fd] = ('3', None)
        self.exited = False
        self.forgotten = False


class Helper:
    def __init__(self, keep):
        self.children = {}
        self.inbox = bytearray()
        self.kept = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, LAST_EXTRA + 1) for fd in keep]
        low = os.open('/dev/null', os.O_RDWR)
        self.devnull = fcntl.fcntl(low, fcntl.F_DUPFD_CLOEXEC, LAST_EXTRA + 1)
        os.close(low)
        for fd in range(FIRST_EXTRA, LAST_EXTRA + 1):
            os.dup2(self.devnull, fd, inheritable=False)
        self.sel = selectors.DefaultSelector()
        os.set_blocking(0, False)
        self.sel.register(0, selectors.EVENT_READ, ('control', None))

    def spawn(self, ident, spec):
        extra = []
        status_r = None
        try:
            if spec.get('status'):
                status_r, status_w = os.pipe()
                extra.append(status_w)
            for path, mode in spec.get('passFiles', []):
                extra.append(os.open(path, os.O_RDONLY if mode == 'r' else os.O_WRONLY))
            for index in spec.get('passKept', []):
                extra.append(os.dup(self.kept[index]))
            if FIRST_EXTRA + len(extra) - 1 > LAST_EXTRA:
                raise OSError('too many extra fds')
            for i, fd in enumerate(extra):
                os.dup2(fd, FIRST_EXTRA + i, inheritable=False)
            proc = subprocess.Popen(
                [spec['file'], *spec['args']], executable=spec['file'], cwd=spec['cwd'], env={},
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                pass_fds=tuple(range(FIRST_EXTRA, FIRST_EXTRA + len(extra))), close_fds=True,
                start_new_session=not spec.get('sameSession'),
                process_group=0 if spec.get('sameSession') else None, bufsize=0)
        except (OSError, ValueError) as error:
            if status_r is not None:
                os.close(status_r)
            send('P', ident, json.dumps({'error': str(error)}).encode())
            return
        finally:
            for i in range(len(extra)):
                os.dup2(self.devnull, FIRST_EXTRA + i, inheritable=False)
            for fd in extra:
                os.close(fd)
        child = Child(ident, proc, status_r)
        child.kill_with_term = bool(spec.get('killWithTerm'))
        self.children[ident] = child
        for fd in child.readers:
            os.set_blocking(fd, False)
            self.sel.register(fd, selectors.EVENT_READ, ('out', child))
        os.set_blocking(proc.stdin.fileno(), False)
        pidfd = os.pidfd_open(proc.pid)
        child.pidfd = pidfd
        self.sel.register(pidfd, selectors.EVENT_READ, ('exit', child))
        send('P', ident, json.dumps({'pid': proc.pid}).encode())

    def write_stdin(self, child):
        if not child.stdin_open:
            return
        fd = child.proc.stdin.fileno()
        try:
            while child.pending:
                written = os.write(fd, child.pending[:CHUNK])
                del child.pending[:written]
        except BlockingIOError:
            pass
        except OSError:
            child.pending.clear()
            child.stdin_ending = True
        waiting = bool(child.pending)
        if not waiting and child.stdin_ending:
            self.close_stdin(child)
            return
        try:
            if waiting:
                self.sel.register(fd, selectors.EVENT_WRITE, ('stdin', child))
            else:
                self.sel.unregister(fd)
        except (KeyError, ValueError):
            pass

    def close_stdin(self, child):
        if not child.stdin_open:
            return
        child.stdin_open = False
        fd = child.proc.stdin.fileno()
        try:
            self.sel.unregister(fd)
        except (KeyError, ValueError):
            pass
        child.proc.stdin.close()

    def close_reader(self, child, fd):
        self.sel.unregister(fd)
        _, owner = child.readers.pop(fd)
        if owner is None:
            os.close(fd)
        else:
            owner.close()
        self.maybe_done(child)

    def forget(self, child):
        child.forgotten = True
        child.pending.clear()
        self.close_stdin(child)
        for fd in list(child.readers):
            self.close_reader(child, fd)

    def maybe_done(self, child):
        if child.exited and not child.readers:
            if not child.forgotten:
                send('C', child.ident)
            self.children.pop(child.ident, None)

    def on_exit(self, child):
        self.sel.unregister(child.pidfd)
        os.close(child.pidfd)
        code = child.proc.wait()
        child.exited = True
        status = {'code': code, 'signal': None} if code >= 0 else {'code': None, 'signal': signal.Signals(-code).name}
        if not child.forgotten:
            send('X', child.ident, json.dumps(status).encode())
        self.maybe_done(child)

    def on_control(self):
        try:
            data = os.read(0, CHUNK)
        except BlockingIOError:
            return True
        if not data:
            return False
        self.inbox += data
        while len(self.inbox) >= HEADER.size:
            length, kind, ident = HEADER.unpack_from(self.inbox)
            if len(self.inbox) < HEADER.size + length:
                break
            payload = bytes(self.inbox[HEADER.size:HEADER.size + length])
            del self.inbox[:HEADER.size + length]
            kind = chr(kind)
            if kind == 'S':
                self.spawn(ident, json.loads(payload))
                continue
            child = self.children.get(ident)
            if child is None:
                continue
            if kind == 'I':
                if child.stdin_open and not child.stdin_ending:
                    child.pending += payload
                    self.write_stdin(child)
            elif kind == 'E':
                child.stdin_ending = True
                self.write_stdin(child)
            elif kind == 'F':
                self.forget(child)
            elif kind == 'K' and not child.exited:
                try:
                    if child.kill_with_term:
                        os.kill(child.proc.pid, signal.SIGTERM)
                    else:
                        os.killpg(child.proc.pid, signal.SIGKILL)
                except OSError:
                    pass
        return True

    def serve(self):
        # Children are reaped through pidfds (Python 3.9, Linux 5.3): without them, say nothing
        # and exit, and codebench spawns with Node instead.
        os.close(os.pidfd_open(os.getpid()))
        send('R', 0)
        while True:
            for key, _ in self.sel.select():
                role, child = key.data
                if role == 'control':
                    if not self.on_control():
                        return
                elif role == 'out':
                    # An fd closed earlier in this round (or reused since) is not ours to read.
                    if key.fd not in child.readers:
                        continue
                    try:
                        data = os.read(key.fd, CHUNK)
                    except BlockingIOError:
                        continue
                    except OSError:
                        data = b''
                    if data:
                        send(child.readers[key.fd][0], child.ident, data)
                    else:
                        self.close_reader(child, key.fd)
                elif role == 'stdin':
                    if child.stdin_open:
                        self.write_stdin(child)
                elif role == 'exit':
                    if not child.exited:
                        self.on_exit(child)

    def kill_all(self):
        for child in self.children.values():
            if not child.exited:
                try:
                    os.killpg(child.proc.pid, signal.SIGKILL)
                except OSError:
                    pass


def lower_autogroup(nice):
    """Our session is a scheduler autogroup, and autogroups share the CPU equally whatever the nice
    values inside them: everything we start would compete with codebench itself on equal terms.
    Lowering needs no privilege, but the kernel takes one change per 100 ms machine-wide."""
    for _ in range(40):
        try:
            with open('/proc/self/autogroup', 'w') as f:
                f.write(nice)
            return
        except BlockingIOError:
            time.sleep(0.05)
        except OSError:
            return


def main():
    # A plain SIGTERM would skip the cleanup below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    keep = []
    options = dict(zip(sys.argv[1::2], sys.argv[2::2]))
    if '--keep' in options:
        keep = [int(fd) for fd in options['--keep'].split(',') if fd]
    if '--autogroup-nice' in options:
        lower_autogroup(options['--autogroup-nice'])
    helper = Helper(keep)
    try:
        helper.serve()
    finally:
        # Codebench went away: nothing it started may outlive it.
        helper.kill_all()


if __name__ == '__main__':
    sys.exit(main())
