import { findBwrap } from './bwrap-sandbox.ts';
import type { SandboxLimits } from './sandbox.ts';

/** Why sandboxed tests cannot run here, or `undefined` when they can. Printed, never silent. */
export function sandboxUnavailableReason(): string | undefined {
  if (process.platform !== 'linux') return 'bubblewrap needs Linux';
  if (!findBwrap()) return 'bwrap is not installed (scripts/setup.sh installs it)';
  return undefined;
}

export const TEST_LIMITS: SandboxLimits = {
  wallMs: 4000,
  cpuSeconds: 2,
  memoryBytes: 512 * 2 ** 20,
  pids: 64,
  fileSizeBytes: 16 * 2 ** 20,
  outputBytes: 2 ** 20,
};
