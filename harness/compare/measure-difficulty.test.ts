import { describe, expect, it } from 'vitest';
import type { Verdict } from '../core/verdict.ts';
import { measureDifficulty } from './measure-difficulty.ts';

const s = (configId: string, taskId: string, verdict: Verdict) => ({ configId, taskId, verdict });

describe('measureDifficulty', () => {
  it('labels by the mean per-model solve rate, each model weighing the same', () => {
    const samples = [
      // t1: every model solves it.
      s('a', 't1', 'pass'), s('b', 't1', 'pass'), s('c', 't1', 'pass'),
      // t2: a solves 1 of 4 samples, b 1 of 1, c none → (0.25 + 1 + 0) / 3 = 0.4167: medium.
      s('a', 't2', 'pass'), s('a', 't2', 'fail'), s('a', 't2', 'fail'), s('a', 't2', 'timeout'), s('b', 't2', 'pass'), s('c', 't2', 'error'),
      // t3: nobody solves it; unscored samples are not failures.
      s('a', 't3', 'fail'), s('b', 't3', 'no-code'), s('c', 't3', 'fail'), s('d', 't3', 'unscored'),
    ];
    const measured = measureDifficulty(samples);
    expect(measured.map((m) => [m.taskId, m.models, m.difficulty])).toEqual([['t1', 3, 'easy'], ['t2', 3, 'medium'], ['t3', 3, 'hard']]);
    expect(measured[1]!.solveRate).toBeCloseTo(5 / 12, 12);
  });

  it('gives no label until enough models tried the task', () => {
    const measured = measureDifficulty([s('a', 't', 'pass'), s('b', 't', 'pass'), s('c', 't', 'unscored')]);
    expect(measured).toEqual([{ taskId: 't', models: 2, solveRate: 1, difficulty: undefined }]);
    expect(measureDifficulty([s('a', 't', 'pass')], { minModels: 1 })[0]!.difficulty).toBe('easy');
  });

  it('puts the thresholds where asked, inclusive for easy and exclusive for hard', () => {
    const three = (passes: number) => ['a', 'b', 'c'].map((c, i) => s(c, 't', i < passes ? 'pass' : 'fail'));
    expect(measureDifficulty(three(2))[0]!.difficulty).toBe('easy');
    expect(measureDifficulty(three(1))[0]!.difficulty).toBe('medium');
    expect(measureDifficulty(three(0))[0]!.difficulty).toBe('hard');
    expect(measureDifficulty(three(1), { hardBelow: 0.34 })[0]!.difficulty).toBe('hard');
    expect(measureDifficulty([])).toEqual([]);
  });

  it('checks its options eagerly', () => {
    expect(() => measureDifficulty([], { minModels: 0 })).toThrow(/`minModels`/);
    expect(() => measureDifficulty([], { easyFrom: 0.2, hardBelow: 0.5 })).toThrow(/`hardBelow`/);
  });
});
