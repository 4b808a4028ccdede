import { describe, expect, it } from 'vitest';
import { signTest } from './sign-test.ts';

describe('signTest', () => {
  it('drops ties and equals McNemar on 0/1 differences', () => {
    expect(signTest([1, -1, -1, -1, -1, -1, -1, -1, 0, 0])).toEqual({ positive: 1, negative: 7, pValue: 18 / 256 });
  });

  it('uses only signs, so fractional differences count like whole ones', () => {
    expect(signTest([-0.2, -0.5, -0.1, 0.3]).pValue).toBe(signTest([-1, -1, -1, 1]).pValue);
  });

  it('gives 1 for no differences', () => {
    expect(signTest([])).toEqual({ positive: 0, negative: 0, pValue: 1 });
  });
});
