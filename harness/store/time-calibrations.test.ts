import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './open-store.ts';
import { makeSpec, makeTempDir } from './test-fixtures.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeTempDir()));
afterEach(() => cleanup());

const KEY = { taskHash: 'h1', toolchain: 'python: /usr/bin/python3.11@1:2', host: 'AMD EPYC x2 x64' };
const TIMING = { referenceSeconds: 0.31, runsSeconds: [0.3, 0.31, 0.35], method: 'cpu' as const, measuredAt: '2025-01-02T03:04:05.000Z' };

describe('Store time-limit calibrations', () => {
  it('finds a timing only under the same task hash, toolchain and host, and survives reopening', () => {
    const path = join(dir, 'results.db');
    const store = openStore(path);
    expect(store.getCalibration(KEY)).toBeUndefined();
    store.putCalibration(KEY, 'cb/py/x', TIMING);
    store.close();
    const again = openStore(path);
    expect(again.getCalibration(KEY)).toEqual(TIMING);
    expect(again.getCalibration({ ...KEY, host: 'Intel Xeon x64 x64' })).toBeUndefined();
    expect(again.getCalibration({ ...KEY, toolchain: 'python: /usr/bin/python3.12@1:2' })).toBeUndefined();
    expect(again.getCalibration({ ...KEY, taskHash: 'h2' })).toBeUndefined();
    again.putCalibration(KEY, 'cb/py/x', { ...TIMING, referenceSeconds: 0.5, method: 'wall' });
    expect(again.getCalibration(KEY)).toMatchObject({ referenceSeconds: 0.5, method: 'wall' });
    again.close();
  });

  it('keeps the limits a run used; recording again keeps the first, and they belong to a stored run', () => {
    const store = openStore(join(dir, 'results.db'));
    const runId = store.createRun(makeSpec(), { host: 'box' });
    store.recordTimeLimits(runId, [
      { taskId: 'b', limitSeconds: 10, source: 'default' },
      { taskId: 'a', limitSeconds: 4.8, referenceSeconds: 1.2, source: 'calibrated' },
    ]);
    store.recordTimeLimits(runId, [{ taskId: 'a', limitSeconds: 99, referenceSeconds: 30, source: 'calibrated' }, { taskId: 'c', limitSeconds: 4, referenceSeconds: 0.1, source: 'calibrated' }]);
    expect(store.listTimeLimits(runId)).toEqual([
      { taskId: 'a', limitSeconds: 4.8, referenceSeconds: 1.2, source: 'calibrated' },
      { taskId: 'b', limitSeconds: 10, source: 'default' },
      { taskId: 'c', limitSeconds: 4, referenceSeconds: 0.1, source: 'calibrated' },
    ]);
    expect(() => store.recordTimeLimits('no-such-run', [{ taskId: 'a', limitSeconds: 1, source: 'default' }])).toThrow(/FOREIGN KEY/);
    expect(() => store.recordTimeLimits(runId, [{ taskId: 'z', limitSeconds: 0, source: 'default' }])).toThrow(/CHECK/);
    store.close();
  });
});
