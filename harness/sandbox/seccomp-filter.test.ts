import { describe, expect, it } from 'vitest';
import { buildSeccompFilter, deniedSyscalls, hostSeccompArch, type SeccompArch } from './seccomp-filter.ts';

const AUDIT = { x86_64: 0xc000003e, aarch64: 0xc00000b7, i386: 0x40000003 };
const ALLOW = 0x7fff0000;
const KILL = 0x80000000;
const errno = (n: number) => 0x00050000 | n;

/** A classic-BPF interpreter for the few instructions the filter uses, over struct seccomp_data. */
function evaluate(program: Buffer, data: { arch: number; nr: number; arg0?: bigint }): number {
  const mem = Buffer.alloc(64);
  mem.writeInt32LE(data.nr, 0);
  mem.writeUInt32LE(data.arch, 4);
  mem.writeBigUInt64LE(data.arg0 ?? 0n, 16);
  let acc = 0;
  for (let pc = 0; pc * 8 < program.length; pc++) {
    const code = program.readUInt16LE(pc * 8);
    const jt = program.readUInt8(pc * 8 + 2);
    const jf = program.readUInt8(pc * 8 + 3);
    const k = program.readUInt32LE(pc * 8 + 4);
    if (code === 0x20) acc = mem.readUInt32LE(k);
    else if (code === 0x15) pc += acc === k ? jt : jf;
    else if (code === 0x35) pc += acc >= k ? jt : jf;
    else if (code === 0x06) return k;
    else throw new Error(`unexpected BPF opcode ${code.toString(16)} at ${pc}`);
  }
  throw new Error('fell off the end of the program');
}

describe.each(['x86_64', 'aarch64'] as SeccompArch[])('seccomp filter for %s', (arch) => {
  const program = buildSeccompFilter(arch);
  const nr = arch === 'x86_64'
    ? { read: 0, socket: 41, ptrace: 101, keyctl: 250, bpf: 321, io_uring_setup: 425, clone3: 435 }
    : { read: 63, socket: 198, ptrace: 117, keyctl: 219, bpf: 280, io_uring_setup: 425, clone3: 435 };
  const run = (n: number, arg0?: bigint) => evaluate(program, { arch: AUDIT[arch], nr: n, arg0 });

  it('is whole sock_filter instructions, short enough for 8-bit jumps', () => {
    expect(program.length % 8).toBe(0);
    expect(program.length / 8).toBeLessThan(64);
  });

  it('allows ordinary calls, and sockets other than AF_VSOCK', () => {
    expect(run(nr.read)).toBe(ALLOW);
    expect(run(nr.clone3)).toBe(ALLOW);
    expect(run(nr.socket, 2n)).toBe(ALLOW);
    expect(run(nr.socket, 10n)).toBe(ALLOW);
  });

  it('answers the deny-list with EPERM', () => {
    for (const n of [nr.ptrace, nr.keyctl, nr.bpf, nr.io_uring_setup]) expect(run(n)).toBe(errno(1));
    expect(deniedSyscalls(arch)).toEqual(expect.arrayContaining(['ptrace', 'keyctl', 'bpf', 'perf_event_open', 'userfaultfd', 'kexec_load', 'init_module', 'open_by_handle_at', 'reboot', 'swapon', 'acct']));
  });

  it('refuses AF_VSOCK, judging the family as the kernel does: by its low 32 bits', () => {
    expect(run(nr.socket, 40n)).toBe(errno(97));
    expect(run(nr.socket, (1n << 32n) | 40n)).toBe(errno(97));
  });

  it('kills a foreign architecture', () => {
    expect(evaluate(program, { arch: AUDIT.i386, nr: 0 })).toBe(KILL);
  });
});

describe('seccomp filter details', () => {
  it('answers x32 syscalls with ENOSYS on x86_64', () => {
    const program = buildSeccompFilter('x86_64');
    expect(evaluate(program, { arch: AUDIT.x86_64, nr: 0x40000000 | 41, arg0: 40n })).toBe(errno(38));
  });

  it('knows the host architectures it has tables for', () => {
    expect(hostSeccompArch('x64')).toBe('x86_64');
    expect(hostSeccompArch('arm64')).toBe('aarch64');
    expect(hostSeccompArch('riscv64')).toBeUndefined();
  });
});
