import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The deny-list seccomp filter of ../shared/docs/sandbox.md §4.7, as raw `struct sock_filter`
 * BPF for bwrap's `--seccomp FD`. Namespaces do not cover these calls: keyrings, eBPF, perf,
 * io_uring, modules and kexec are kernel attack surface, and AF_VSOCK is not namespaced (this VM
 * talks to its host over vsock).
 */
export type SeccompArch = 'x86_64' | 'aarch64';

interface ArchTable {
  audit: number;
  /** x86_64 only: syscalls with this bit set are the x32 ABI, with its own numbering. */
  x32Bit?: number;
  socket: number;
  denied: Record<string, number>;
}

const ARCHES: Record<SeccompArch, ArchTable> = {
  x86_64: {
    audit: 0xc000003e,
    x32Bit: 0x40000000,
    socket: 41,
    denied: {
      ptrace: 101, acct: 163, swapon: 167, swapoff: 168, reboot: 169, create_module: 174, init_module: 175,
      delete_module: 176, kexec_load: 246, add_key: 248, request_key: 249, keyctl: 250, perf_event_open: 298,
      name_to_handle_at: 303, open_by_handle_at: 304, finit_module: 313, kexec_file_load: 320, bpf: 321,
      userfaultfd: 323, io_uring_setup: 425, io_uring_enter: 426, io_uring_register: 427,
    },
  },
  aarch64: {
    audit: 0xc00000b7,
    socket: 198,
    denied: {
      acct: 89, kexec_load: 104, init_module: 105, delete_module: 106, ptrace: 117, reboot: 142, add_key: 217,
      request_key: 218, keyctl: 219, swapon: 224, swapoff: 225, perf_event_open: 241, name_to_handle_at: 264,
      open_by_handle_at: 265, finit_module: 273, bpf: 280, userfaultfd: 282, kexec_file_load: 294,
      io_uring_setup: 425, io_uring_enter: 426, io_uring_register: 427,
    },
  },
};

const LD_W_ABS = 0x20;
const JEQ_K = 0x15;
const JGE_K = 0x35;
const RET_K = 0x06;
const RET_KILL_PROCESS = 0x80000000;
const RET_ALLOW = 0x7fff0000;
const retErrno = (errno: number) => 0x00050000 | errno;
const EPERM = 1;
const ENOSYS = 38;
const EAFNOSUPPORT = 97;
const AF_VSOCK = 40;
// Offsets in struct seccomp_data: nr, arch, instruction_pointer, args[6].
const NR = 0;
const ARCH = 4;
const ARG0_LOW = 16;

/** The filter for this machine's architecture, or `undefined` where we have no syscall table. */
export function hostSeccompArch(nodeArch: string = process.arch): SeccompArch | undefined {
  if (nodeArch === 'x64') return 'x86_64';
  if (nodeArch === 'arm64') return 'aarch64';
  return undefined;
}

/** Names of the syscalls the filter answers with EPERM, for `codebench doctor`. */
export function deniedSyscalls(arch: SeccompArch): string[] {
  return Object.keys(ARCHES[arch].denied).sort();
}

type Insn = { code: number; k: number; jt?: string; jf?: string } | { label: string };

export function buildSeccompFilter(arch: SeccompArch): Buffer {
  const table = ARCHES[arch];
  const program: Insn[] = [
    { code: LD_W_ABS, k: ARCH },
    { code: JEQ_K, k: table.audit, jf: 'kill' },
    { code: LD_W_ABS, k: NR },
  ];
  if (table.x32Bit !== undefined) program.push({ code: JGE_K, k: table.x32Bit, jt: 'enosys' });
  for (const nr of Object.values(table.denied).sort((a, b) => a - b)) program.push({ code: JEQ_K, k: nr, jt: 'eperm' });
  program.push(
    { code: JEQ_K, k: table.socket, jt: 'socket' },
    { code: RET_K, k: RET_ALLOW },
    { label: 'socket' },
    // Only the low 32 bits: the kernel reads the family as an int, so high bits cannot dodge this.
    { code: LD_W_ABS, k: ARG0_LOW },
    { code: JEQ_K, k: AF_VSOCK, jt: 'eafnosupport' },
    { code: RET_K, k: RET_ALLOW },
    { label: 'eafnosupport' },
    { code: RET_K, k: retErrno(EAFNOSUPPORT) },
    { label: 'eperm' },
    { code: RET_K, k: retErrno(EPERM) },
    { label: 'enosys' },
    { code: RET_K, k: retErrno(ENOSYS) },
    // A foreign ABI (i386 through int 0x80, arm32) has other numbers, so no deny-list applies.
    { label: 'kill' },
    { code: RET_K, k: RET_KILL_PROCESS },
  );
  return assemble(program);
}

function assemble(program: Insn[]): Buffer {
  const labels = new Map<string, number>();
  const insns: Exclude<Insn, { label: string }>[] = [];
  for (const insn of program) {
    if ('label' in insn) labels.set(insn.label, insns.length);
    else insns.push(insn);
  }
  const out = Buffer.alloc(insns.length * 8);
  insns.forEach((insn, i) => {
    const jump = (label: string | undefined) => {
      if (label === undefined) return 0;
      const offset = labels.get(label)! - (i + 1);
      if (!(offset >= 0 && offset <= 255)) throw new RangeError(`seccomp jump to ${label} out of range: ${offset}`);
      return offset;
    };
    out.writeUInt16LE(insn.code, i * 8);
    out.writeUInt8(jump(insn.jt), i * 8 + 2);
    out.writeUInt8(jump(insn.jf), i * 8 + 3);
    out.writeUInt32LE(insn.k >>> 0, i * 8 + 4);
  });
  return out;
}

/** Writes the filter once per sandbox instance; each run opens it afresh (an fd's offset is shared). */
export function writeSeccompFilter(dir: string, arch: SeccompArch): string {
  const path = join(dir, 'seccomp.bpf');
  writeFileSync(path, buildSeccompFilter(arch), { mode: 0o644 });
  return path;
}
