import { describe, expect, it } from 'vitest';
import { SandboxError } from '../core/errors.ts';
import { readBwrapResult } from './read-bwrap-result.ts';
import type { ContainedResult } from './run-contained.ts';
import { TEST_LIMITS } from './test-support.ts';

const stopped: ContainedResult = { exitCode: null, signal: 'SIGKILL', stop: 'wall-timeout', stdout: '', stderr: '', truncated: false, wallMs: TEST_LIMITS.wallMs, status: [{ 'child-pid': 2 }] };
const counters = (cpuUsec: number, cpuWaitUsec?: number) => ({ oomKills: 0, cpuUsec, cpuWaitUsec });

describe('readBwrapResult', () => {
  it('calls a run that sat at the wall limit a timeout when it had the CPU whenever it wanted it', () => {
    const r = readBwrapResult(stopped, TEST_LIMITS, counters(0, 1_000_000), counters(50_000, 1_100_000));
    expect(r).toMatchObject({ stop: 'wall-timeout', cpuMs: 50, memoryExceeded: false });
  });

  it('draws no verdict from a run that spent most of its wall time waiting for a CPU: the machine starved it', () => {
    const waited = (TEST_LIMITS.wallMs * 0.8) * 1000;
    expect(() => readBwrapResult(stopped, TEST_LIMITS, counters(0, 0), counters(300_000, waited))).toThrow(SandboxError);
    expect(() => readBwrapResult(stopped, TEST_LIMITS, counters(0, 0), counters(300_000, waited))).toThrow(/waited 3\.2 s of its 4\.0 s wall-clock limit for a CPU/);
    // A program that ended by itself is judged however long it waited.
    const exited = readBwrapResult({ ...stopped, stop: 'exited', exitCode: 0, signal: null, status: [{ 'child-pid': 2 }, { 'exit-code': 0 }] }, TEST_LIMITS, counters(0, 0), counters(300_000, waited));
    expect(exited).toMatchObject({ stop: 'exited', exitCode: 0 });
  });

  it('calls a fork bomb that waited on its own processes a timeout: it ran on every core meanwhile', () => {
    const wall = TEST_LIMITS.wallMs * 1000;
    expect(readBwrapResult(stopped, TEST_LIMITS, counters(0, 0), counters(2 * wall, wall))).toMatchObject({ stop: 'wall-timeout' });
  });

  it('keeps the old judgement where the machine reports no CPU pressure', () => {
    expect(readBwrapResult(stopped, TEST_LIMITS, counters(0), counters(10_000))).toMatchObject({ stop: 'wall-timeout', cpuMs: 10 });
  });
});
