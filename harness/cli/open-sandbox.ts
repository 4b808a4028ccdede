import { availableParallelism } from 'node:os';
import { InputError } from '../core/errors.ts';
import { BwrapSandbox } from '../sandbox/bwrap-sandbox.ts';
import { UnsandboxedRunner } from '../sandbox/unsandboxed-runner.ts';
import type { Sandbox } from '../sandbox/sandbox.ts';

export type SandboxMode = 'bwrap' | 'none';

/** Grading slots: as many as cores by default, since CPU time is what the limits measure. */
export function defaultSlots(): number {
  return Math.max(1, availableParallelism());
}

export async function openSandbox(mode: SandboxMode, slots: number, warn: (text: string) => void, options: { idlePriority?: boolean } = {}): Promise<Sandbox> {
  if (mode === 'none') {
    warn('codebench: WARNING: --sandbox none runs generated code unsandboxed, as your own user, with network and your files in reach\n');
    return new UnsandboxedRunner({ slots });
  }
  if (mode !== 'bwrap') throw new InputError(`--sandbox ${String(mode)}: expected bwrap or none`);
  return BwrapSandbox.create({ slots, idlePriority: options.idlePriority });
}
