import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, SandboxError } from '../core/errors.ts';
import { PY_TASK, TS_TASK } from '../grader/test-tasks.ts';
import { RemoteGrader } from '../sandbox/remote-grader.ts';
import { procStatField, sandboxUnavailableReason } from '../sandbox/test-support.ts';

const ENTRY = fileURLToPath(new URL('./grading-host.mjs', import.meta.url));
const ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
const INIT = { sandbox: { mode: 'bwrap' as const, slots: 2 }, grader: { timeoutSeconds: 2 }, niceness: 10, idlePriority: true };

const skip = sandboxUnavailableReason();
if (skip) console.warn(`skipping grading-process tests: ${skip}`);

describe.skipIf(skip)('grading in its own process', () => {
  let grader: RemoteGrader;

  beforeAll(async () => {
    grader = await RemoteGrader.start(ENTRY, INIT, { env: ENV });
  }, 30_000);
  afterAll(async () => {
    await grader?.close();
  });

  it('grades Python and TypeScript the way the in-process grader does', async () => {
    expect(grader.mode).toBe('bwrap');
    expect(grader.slots).toBe(2);
    const results = await Promise.all([
      grader.grade(PY_TASK, PY_TASK.reference),
      grader.grade(PY_TASK, '    return a - b\n'),
      grader.grade(TS_TASK, TS_TASK.reference),
      grader.grade(PY_TASK, ''),
    ]);
    expect(results.map((r) => r.verdict)).toEqual(['pass', 'fail', 'pass', 'no-code']);
    expect(results[1]!.detail).toContain('AssertionError');
  }, 60_000);

  it('grades each version of a task sent under one id with the version it was sent with', async () => {
    const strict = { ...PY_TASK, tests: 'def check(candidate):\n    assert candidate(2, 2) == 5\n' };
    const results = await Promise.all([grader.grade(PY_TASK, PY_TASK.reference), grader.grade(strict, PY_TASK.reference), grader.grade(PY_TASK, PY_TASK.reference)]);
    expect(results.map((r) => r.verdict)).toEqual(['pass', 'fail', 'pass']);
  }, 30_000);

  it('runs at the niceness it was given, and the code under test cannot raise its priority', async () => {
    const r = await grader.grade({ ...PY_TASK, tests: 'import os\ndef check(candidate):\n    os.nice(-5)\n' }, PY_TASK.reference);
    expect(r.verdict).not.toBe('pass');
    expect(r.output ?? r.detail).toMatch(/PermissionError|Operation not permitted/);
    expect(procStatField(grader.pid!, 19)).toBe(10);
    // Its sandboxes go further down, to SCHED_IDLE (this machine's cgroups report CPU pressure),
    // and the code cannot climb back to SCHED_OTHER.
    const idle = await grader.grade({ ...PY_TASK, tests: 'import os\ndef check(candidate):\n    assert os.sched_getscheduler(0) == os.SCHED_IDLE, os.sched_getscheduler(0)\n    os.sched_setscheduler(0, os.SCHED_OTHER, os.sched_param(0))\n' }, PY_TASK.reference);
    expect(idle.verdict).not.toBe('pass');
    expect(idle.output ?? idle.detail).toMatch(/PermissionError|Operation not permitted/);
  }, 30_000);

  it('runs at SCHED_IDLE itself, every thread, where its sandboxes do', () => {
    const threads = readdirSync(`/proc/${grader.pid}/task`);
    expect(threads.length).toBeGreaterThan(1);
    // Field 41 is the scheduling policy; 5 is SCHED_IDLE.
    expect(new Set(threads.map((tid) => procStatField(grader.pid!, 41, tid)))).toEqual(new Set([5]));
  });

  it('stops a sample when its signal aborts, and the host stays usable', async () => {
    const abort = new AbortController();
    const started = performance.now();
    const hanging = grader.grade(PY_TASK, 'import time\ndef add(a, b):\n    time.sleep(60)\n', { signal: abort.signal });
    setTimeout(() => abort.abort(), 300);
    const r = await hanging;
    expect(r.verdict).toBe('unscored');
    expect(performance.now() - started).toBeLessThan(5000);
    expect((await grader.grade(PY_TASK, PY_TASK.reference)).verdict).toBe('pass');
  }, 30_000);
});

describe.skipIf(skip)('grading process failures', () => {
  it('rejects start with the host’s own input error for a bad sandbox mode', async () => {
    const error = await RemoteGrader.start(ENTRY, { ...INIT, sandbox: { mode: 'nsjail' as never, slots: 1 } }, { env: ENV }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain('--sandbox nsjail');
  }, 30_000);

  it('fails pending and later grades with a SandboxError when the host dies, instead of hanging', async () => {
    const grader = await RemoteGrader.start(ENTRY, INIT, { env: ENV });
    const pending = grader.grade(PY_TASK, 'import time\ndef add(a, b):\n    time.sleep(60)\n');
    await new Promise((r) => setTimeout(r, 500));
    const pid = grader.pid!;
    const leftovers = () => execFileSync('ps', ['-eo', 'args']).toString().split('\n').filter((l) => l.includes(`codebench-sbx-${pid}-`) && l.includes('slot-'));
    expect(leftovers().length).toBeGreaterThan(0);
    process.kill(pid, 'SIGKILL');
    await expect(pending).rejects.toBeInstanceOf(SandboxError);
    // The sample's sandbox, whose watchdog died with the host, is gone too (swept by its cgroup).
    for (let i = 0; i < 30 && leftovers().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(leftovers()).toEqual([]);
    await expect(grader.grade(PY_TASK, PY_TASK.reference)).rejects.toThrow(/grading process exited/);
    await grader.close();
  }, 30_000);
});
