import { arch, availableParallelism, cpus } from 'node:os';

/**
 * The machine as far as speed goes: CPU model, logical cores and architecture. A calibration
 * measured under one fingerprint is not reused under another.
 */
export function hostFingerprint(): string {
  const model = cpus()[0]?.model.trim().replace(/\s+/g, ' ') || 'unknown CPU';
  return `${model} x${availableParallelism()} ${arch()}`;
}
