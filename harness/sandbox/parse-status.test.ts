import { describe, expect, it } from 'vitest';
import { parseStatus } from './parse-status.ts';

describe('parseStatus', () => {
  it('reads objects one per line or run together', () => {
    expect(parseStatus('{"child-pid": 12}\n{"exit-code": 3}\n')).toEqual([{ 'child-pid': 12 }, { 'exit-code': 3 }]);
    expect(parseStatus('{"child-pid": 12}{"exit-code": 0}')).toEqual([{ 'child-pid': 12 }, { 'exit-code': 0 }]);
  });

  it('drops a last object cut short and anything that is not an object', () => {
    expect(parseStatus('{"child-pid": 12}\n{"exit-co')).toEqual([{ 'child-pid': 12 }]);
    expect(parseStatus('')).toEqual([]);
    expect(parseStatus('null')).toEqual([]);
  });
});
