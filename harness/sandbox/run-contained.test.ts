import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContained } from './run-contained.ts';
import { SpawnHelper } from './spawn-helper.ts';
import { findTools } from './tools.ts';

/** Holds the event loop as a starved process would be held: no callback runs meanwhile. */
function blockFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* busy */
  }
}

const python = findTools().get('python3')?.path;
if (!python) console.info('run-contained tests through the spawn helper skipped: no python3 under /usr');

describe.each([
  { spawner: 'node', needsPython: false },
  { spawner: 'spawn helper', needsPython: true },
])('runContained wall-clock limit, spawned by $spawner', ({ needsPython }) => {
  let helper: SpawnHelper | undefined;
  const skip = needsPython && !python;
  beforeAll(async () => {
    if (needsPython && python) helper = await SpawnHelper.start(python);
  });
  afterAll(() => helper?.close());

  it.skipIf(skip)('stops a program that outlives its wall limit', async () => {
    const r = await runContained({ file: '/bin/sleep', args: ['10'], cwd: '/', wallMs: 200, outputBytes: 1024, helper });
    expect(r.stop).toBe('wall-timeout');
    expect(r.wallMs).toBeLessThan(5000);
  });

  it.skipIf(skip)('reports an exit that happened in time even when the watchdog itself ran late', async () => {
    // A grading process at idle priority can be held off the CPU past a run's deadline. When it
    // runs again, the expired timer and the program's long-finished exit are both pending; the
    // exit came first, so it is not a timeout.
    const running = runContained({ file: '/bin/true', args: [], cwd: '/', wallMs: 100, outputBytes: 1024, helper });
    blockFor(800);
    const r = await running;
    expect(r.stop).toBe('exited');
    expect(r.exitCode).toBe(0);
  });
});
