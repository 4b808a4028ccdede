import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SandboxError } from '../core/errors.ts';
import { enterIdlePriority } from './enter-idle-priority.ts';
import { procStatField } from './test-support.ts';

const policyOf = (pid: number) => procStatField(pid, 41);

describe('enterIdlePriority', () => {
  it('moves a process to SCHED_IDLE', async () => {
    const child = spawn('/bin/sleep', ['5'], { stdio: 'ignore' });
    try {
      await new Promise((r) => child.once('spawn', r));
      expect(policyOf(child.pid!)).toBe(0);
      enterIdlePriority(child.pid!);
      expect(policyOf(child.pid!)).toBe(5);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('fails with a SandboxError naming the process when it cannot', () => {
    const error = (() => {
      try {
        enterIdlePriority(2 ** 22 + 1);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SandboxError);
    expect((error as SandboxError).message).toMatch(/process 4194305 to idle priority: chrt: .+/);
    expect((error as SandboxError).retryable).toBe(false);
  });
});
