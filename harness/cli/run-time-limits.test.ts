import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sandboxUnavailableReason } from '../sandbox/test-support.ts';
import { openStore } from '../store/open-store.ts';
import { main } from './main.ts';

const CORPUS = resolve(import.meta.dirname, '../../tasks/codebench/python');
const skip = sandboxUnavailableReason();
if (skip) console.warn(`skipping run time-limit tests: ${skip}`);

const dir = mkdtempSync(join(tmpdir(), 'codebench-run-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const suite = join(dir, 'suite');
mkdirSync(suite);
for (const name of ['bankers-round-cents', 'parse-duration']) copyFileSync(join(CORPUS, `${name}.yaml`), join(suite, `${name}.yaml`));
const db = join(dir, 'results.db');

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function stored(runId: string) {
  const store = openStore(db, { readonly: true });
  try {
    return { spec: store.getRun(runId)!.spec, limits: store.listTimeLimits(runId) };
  } finally {
    store.close();
  }
}

const run = (...extra: string[]) => cli('run', '--model', 'reference', '--suite', suite, '--db', db, '--json', ...extra);

describe.skipIf(skip)('codebench run with calibrated time limits', () => {
  let first: { runId: string };

  it('times each reference once, grades with the calibrated limits and keeps them with the run', async () => {
    const r = await run('--name', 'first');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('timing 2 reference solution(s) on this machine');
    expect(r.stderr).toMatch(/2 calibrated \(2 measured now, 0 from the cache\), 0 at the default 10 s/);
    first = JSON.parse(r.stdout) as { runId: string };
    const { spec, limits } = stored(first.runId);
    expect(spec.timeLimits).toEqual({ floorSeconds: 4, factor: 4, ceilingSeconds: 60 });
    expect(spec.timeoutSeconds).toBe(10);
    expect(limits.map((l) => l.taskId)).toEqual(['cb/py/bankers-round-cents', 'cb/py/parse-duration']);
    for (const l of limits) {
      expect(l.source).toBe('calibrated');
      expect(l.referenceSeconds).toBeGreaterThan(0);
      expect(l.limitSeconds).toBe(Math.max(4, 4 * l.referenceSeconds!));
    }
  });

  it('measures nothing the second time, applies a new policy to the cached timings, and a resumed run keeps its limits', async () => {
    const r = await run('--name', 'second', '--time-floor', '6');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('timing');
    expect(r.stderr).toMatch(/2 calibrated \(0 measured now, 2 from the cache\)/);
    const second = stored((JSON.parse(r.stdout) as { runId: string }).runId);
    expect(second.limits.map((l) => l.limitSeconds)).toEqual([6, 6]);
    expect(second.limits.map((l) => l.referenceSeconds)).toEqual(stored(first.runId).limits.map((l) => l.referenceSeconds));

    const resumed = await cli('run', '--resume', first.runId, '--db', db, '--json');
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).not.toContain('time limits');
    expect(stored(first.runId).limits.map((l) => l.limitSeconds)).not.toEqual([6, 6]);
  });

  it('gives every task --timeout with --no-calibrate', async () => {
    const r = await run('--name', 'flat', '--no-calibrate', '--timeout', '7');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('time limits');
    const { spec, limits } = stored((JSON.parse(r.stdout) as { runId: string }).runId);
    expect(spec.timeLimits).toBeUndefined();
    expect(limits).toEqual([
      { taskId: 'cb/py/bankers-round-cents', limitSeconds: 7, source: 'default' },
      { taskId: 'cb/py/parse-duration', limitSeconds: 7, source: 'default' },
    ]);
  });
});

describe('codebench run time-limit flags', () => {
  it('names a bad flag in one line and exits 2', async () => {
    expect(await run('--time-factor', '0.5')).toMatchObject({ code: 2, stderr: 'codebench: --time-factor: expected a number from 1 up, got 0.5\n' });
    expect(await run('--time-floor', '0')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^codebench: --time-floor: expected a number above 0, got 0\n$/) });
  });
});
