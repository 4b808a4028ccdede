import { describe, expect, it } from 'vitest';
import { detectDrift, type DriftRun } from './detect-drift.ts';

const run = (runId: string, startedAt: string, passed: (i: number) => boolean, count = 100): DriftRun => ({
  runId,
  startedAt,
  outcomes: Array.from({ length: count }, (_, i) => ({ taskId: `t${String(i).padStart(3, '0')}`, n: 1, c: passed(i) ? 1 : 0, repaired: 0, first: passed(i) ? 'pass' : 'fail' })),
});

describe('detectDrift', () => {
  it('flags a significant drop against pooled earlier runs', () => {
    const earlier = [run('r1', '2025-01-01', (i) => i % 10 !== 0), run('r2', '2025-01-02', (i) => i % 10 !== 0)];
    const latest = run('r3', '2025-01-03', (i) => i % 10 !== 0 && i % 10 !== 1);
    const result = detectDrift({ name: 'm', configId: 'c', latest, earlier }, { seed: 1 });
    expect(result).toMatchObject({ pairedTasks: 100, worse: 10, better: 0, drop: true, earlierRunIds: ['r1', 'r2'] });
    expect(result.difference).toBeCloseTo(-0.1, 12);
    expect(result.pValue).toBeCloseTo(2 / 1024, 12);
  });

  it('does not flag noise, and pairs only the tasks both sides scored', () => {
    const earlier = [run('r1', '2025-01-01', (i) => i % 2 === 0)];
    const latest = run('r2', '2025-01-02', (i) => (i === 2 ? false : i === 3 ? true : i % 2 === 0), 50);
    const result = detectDrift({ name: 'm', configId: 'c', latest, earlier });
    expect(result).toMatchObject({ pairedTasks: 50, worse: 1, better: 1, pValue: 1, drop: false });
  });

  it('is defined with nothing to compare', () => {
    const result = detectDrift({ name: 'm', configId: 'c', latest: run('r1', '2025-01-01', () => true), earlier: [] });
    expect(result).toMatchObject({ pairedTasks: 0, drop: false });
    expect(result.difference).toBeUndefined();
  });
});
