import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Task } from '../core/task.ts';
import { timeLimitFor } from '../core/time-limit-for.ts';
import { BwrapSandbox } from '../sandbox/bwrap-sandbox.ts';
import type { Sandbox, SandboxRequest } from '../sandbox/sandbox.ts';
import { sandboxUnavailableReason } from '../sandbox/test-support.ts';
import { openStore } from '../store/open-store.ts';
import { makeTempDir } from '../store/test-fixtures.ts';
import { calibrateTasks } from './calibrate-tasks.ts';
import { Grader } from './grader.ts';
import { TimeCalibrator } from './time-calibrator.ts';
import { withTimeLimits } from './with-time-limits.ts';
import { CPP_TASK, PY_TASK } from './test-tasks.ts';

const skip = sandboxUnavailableReason();
if (skip) console.warn(`skipping time calibration tests: ${skip}`);

/** A real sandbox that counts the programs it starts. */
class CountingSandbox implements Sandbox {
  runs = 0;
  readonly #inner: Sandbox;
  constructor(inner: Sandbox) {
    this.#inner = inner;
  }
  get mode() {
    return this.#inner.mode;
  }
  get slots() {
    return this.#inner.slots;
  }
  run(request: SandboxRequest) {
    this.runs++;
    return this.#inner.run(request);
  }
  close() {
    return this.#inner.close();
  }
}

// Burns CPU time, not loop iterations, so it takes as long on a fast machine as on a slow one.
// The tests call it three times: 0.1 s a call makes a ~0.3 s reference.
const burn = (seconds: number) => `    import time\n    t0 = time.process_time()\n    while time.process_time() - t0 < ${seconds}:\n        pass\n    return helper(a) + b\n`;
const SLOW_TASK: Task = { ...PY_TASK, id: 'test/py/slow-add', reference: burn(0.1) };
const CPP_SLOW_TASK: Task = {
  ...CPP_TASK,
  id: 'test/cpp/slow-add',
  prompt: `#include <ctime>\n${CPP_TASK.prompt}`,
  reference: '    std::clock_t t0 = std::clock();\n    while (std::clock() - t0 < CLOCKS_PER_SEC * 3 / 10) {}\n    return a + b;\n}\n',
};
const POLICY = { floorSeconds: 1, factor: 4, ceilingSeconds: 30 };

describe.skipIf(skip)('TimeCalibrator on bubblewrap', () => {
  let bwrap: BwrapSandbox;
  let sandbox: CountingSandbox;
  let grader: Grader;
  const temp = makeTempDir();
  const store = openStore(join(temp.dir, 'results.db'));

  beforeAll(async () => {
    bwrap = await BwrapSandbox.create({ slots: 2 });
    sandbox = new CountingSandbox(bwrap);
    // The global default the calibrated limits must beat.
    grader = new Grader(sandbox, { timeoutSeconds: 10 });
  });
  afterAll(async () => {
    store.close();
    await bwrap?.close();
    temp.cleanup();
  });

  it('times a ~0.3 s reference; 2× slower passes under its limit, an infinite loop stops near it, not at the default', async () => {
    const calibrator = new TimeCalibrator({ grader, cache: store, host: 'test host A', runs: 3 });
    const before = sandbox.runs;
    const outcome = await calibrator.calibrate(SLOW_TASK);
    expect(sandbox.runs - before).toBe(3);
    if (!outcome.ok) throw new Error(outcome.reason);
    const { calibration } = outcome;
    expect(calibration).toMatchObject({ taskId: SLOW_TASK.id, cached: false, method: 'cpu' });
    expect(calibration.runsSeconds).toHaveLength(3);
    expect(calibration.referenceSeconds).toBeGreaterThanOrEqual(0.3);
    expect(calibration.referenceSeconds).toBeLessThan(0.7);
    const limit = timeLimitFor(calibration.referenceSeconds, POLICY);
    expect(limit).toBeGreaterThanOrEqual(POLICY.floorSeconds);
    expect(limit).toBeLessThan(3);

    const limited = withTimeLimits(grader, new Map([[SLOW_TASK.id, limit]]));
    expect(await limited.grade(SLOW_TASK, burn(0.2))).toMatchObject({ verdict: 'pass' });
    // Timed, to see where the CPU limit stopped it: RLIMIT_CPU counts whole seconds, so the loop
    // gets ceil(limit) of CPU, far below the 10 s default. The wall-clock stop stays the default's.
    const loop = await limited.grade(SLOW_TASK, '    while True: pass\n', { measure: true });
    expect(loop, JSON.stringify(loop)).toMatchObject({ verdict: 'timeout', detail: 'CPU time limit exceeded' });
    expect(loop.cpuMs).toBeGreaterThan((limit - 0.2) * 1000);
    expect(loop.cpuMs).toBeLessThan((Math.ceil(limit) + 1) * 1000);
  });

  it('reuses the cached timing without running anything, and measures again on another host', async () => {
    const again = new TimeCalibrator({ grader, cache: store, host: 'test host A' });
    const before = sandbox.runs;
    const cached = await calibrateTasks(again, [SLOW_TASK], { concurrency: 2 });
    expect(sandbox.runs).toBe(before);
    expect(cached.get(SLOW_TASK.id)).toMatchObject({ ok: true, calibration: { cached: true, method: 'cpu' } });

    const elsewhere = new TimeCalibrator({ grader, cache: store, host: 'test host B', runs: 2 });
    expect(elsewhere.cached(SLOW_TASK)).toBeUndefined();
    const measured = await elsewhere.calibrate(SLOW_TASK);
    expect(sandbox.runs - before).toBe(2);
    expect(measured).toMatchObject({ ok: true, calibration: { cached: false }, result: { verdict: 'pass' } });
  });

  it('times a compiled test program three times after one build, the build left out', async () => {
    const calibrator = new TimeCalibrator({ grader, cache: store, host: 'test host A', runs: 3 });
    const before = sandbox.runs;
    const outcome = await calibrator.measure(CPP_SLOW_TASK);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(sandbox.runs - before).toBe(1);
    expect(outcome.calibration.runsSeconds).toHaveLength(3);
    // g++ alone takes well over a second of CPU; the program itself about 0.3 s.
    for (const s of outcome.calibration.runsSeconds) {
      expect(s).toBeGreaterThanOrEqual(0.28);
      expect(s).toBeLessThan(0.7);
    }
    expect(outcome.result).toMatchObject({ verdict: 'pass' });
    expect(outcome.result?.output ?? '').not.toContain('codebench-run-times');
    const wrong = await calibrator.measure({ ...CPP_SLOW_TASK, id: 'test/cpp/wrong-add', reference: '    return a - b;\n}\n' });
    expect(wrong).toMatchObject({ ok: false, reason: expect.stringMatching(/^the reference did not pass: (fail|error)/) });
  });

  it('gives no timing for a reference that fails, and caches nothing', async () => {
    const broken: Task = { ...PY_TASK, id: 'test/py/broken', reference: '    return a - b\n' };
    const calibrator = new TimeCalibrator({ grader, cache: store, host: 'test host A' });
    const outcome = await calibrator.calibrate(broken);
    expect(outcome).toMatchObject({ ok: false, reason: expect.stringMatching(/^the reference did not pass: fail/) });
    expect(calibrator.cached(broken)).toBeUndefined();
    expect(await calibrator.calibrate({ ...PY_TASK, reference: undefined })).toEqual({ ok: false, reason: 'no reference solution' });
  });
});

describe('TimeCalibrator without a CPU count', () => {
  const cache = { getCalibration: () => undefined, putCalibration: () => {} };
  // What a sandbox without cgroups reports: a pass with its wall time only.
  const grader = { grade: async () => ({ verdict: 'pass' as const, detail: 'passed', wallMs: 250 }) };

  it('times a Python function task by the wall clock, but neither a compiled one nor a program task', async () => {
    const calibrator = new TimeCalibrator({ grader, cache, host: 'h', toolchain: () => 't' });
    expect(await calibrator.measure(PY_TASK)).toMatchObject({ ok: true, calibration: { method: 'wall', referenceSeconds: 0.25, runsSeconds: [0.25, 0.25, 0.25] } });
    expect(await calibrator.measure(CPP_TASK)).toMatchObject({ ok: false, reason: 'the sandbox reported no time for the reference' });
    expect(await calibrator.measure({ ...PY_TASK, kind: 'program' })).toMatchObject({ ok: false, reason: 'the sandbox reported no time for the reference' });
  });
});

describe('TimeCalibrator arguments', () => {
  const cache = { getCalibration: () => undefined, putCalibration: () => {} };
  const grader = { grade: async () => ({ verdict: 'pass' as const, detail: 'passed' }) };

  it('names the bad argument', () => {
    expect(() => new TimeCalibrator({ grader, cache, host: 'h', runs: 0 })).toThrow(/`runs`/);
    expect(() => new TimeCalibrator({ grader, cache, host: '' })).toThrow(/`host`/);
  });

  it('keys by task content, toolchain and host, not by id', () => {
    const a = new TimeCalibrator({ grader, cache, host: 'h', toolchain: (l) => `${l}-1` });
    const b = new TimeCalibrator({ grader, cache, host: 'h', toolchain: (l) => `${l}-2` });
    expect(a.key(PY_TASK)).toEqual(a.key({ ...PY_TASK, id: 'renamed', origin: { file: 'elsewhere' } }));
    expect(a.key(PY_TASK).taskHash).not.toBe(a.key({ ...PY_TASK, tests: `${PY_TASK.tests}    assert candidate(2, 2) == 4\n` }).taskHash);
    expect(a.key(PY_TASK).toolchain).toBe('python-1');
    expect(b.key(PY_TASK).toolchain).toBe('python-2');
  });
});
