import { describe, expect, it } from 'vitest';
import type { SandboxResult } from '../sandbox/sandbox.ts';
import { classifyResult, lastError } from './classify-result.ts';

const NONCE = 'codebench-done-abc';
const result = (over: Partial<SandboxResult>): SandboxResult => ({
  exitCode: 0,
  signal: null,
  stop: 'exited',
  stdout: '',
  stderr: '',
  truncated: false,
  wallMs: 10,
  ...over,
});

describe('classifyResult', () => {
  it('passes only with exit 0 and the nonce as the last line', () => {
    expect(classifyResult(result({ stdout: `debug\n\n${NONCE}\n` }), NONCE).verdict).toBe('pass');
    expect(classifyResult(result({ stdout: `${NONCE}\nmore\n` }), NONCE).verdict).toBe('fail');
    expect(classifyResult(result({ stdout: 'PASS\nall tests passed\n' }), NONCE)).toMatchObject({ verdict: 'fail', detail: 'exited before the tests finished' });
  });

  it('never passes a run that printed the nonce but exited non-zero', () => {
    expect(classifyResult(result({ stdout: `${NONCE}\n`, exitCode: 1, stderr: 'Error: late' }), NONCE).verdict).toBe('error');
  });

  it('tells failed assertions from crashes', () => {
    const py = 'Traceback (most recent call last):\n  File "main.py", line 9, in check\nAssertionError: expected 3';
    expect(classifyResult(result({ exitCode: 1, stderr: py }), NONCE)).toMatchObject({ verdict: 'fail', detail: 'AssertionError: expected 3' });
    expect(classifyResult(result({ exitCode: 1, stderr: 'Traceback...\nNameError: name \'x\' is not defined' }), NONCE)).toMatchObject({ verdict: 'error', detail: "NameError: name 'x' is not defined" });
    const node = '/box/main.js:3\n    throw new AssertionError(obj);\n    ^\n\nAssertionError [ERR_ASSERTION]: 1 == 2\n    at check (/box/main.js:3:5)\n\nNode.js v20.20.2';
    expect(classifyResult(result({ exitCode: 1, stderr: node }), NONCE)).toMatchObject({ verdict: 'fail', detail: 'AssertionError [ERR_ASSERTION]: 1 == 2' });
  });

  it('maps limits to verdicts', () => {
    expect(classifyResult(result({ stop: 'wall-timeout', exitCode: null, signal: 'SIGKILL' }), NONCE).verdict).toBe('timeout');
    expect(classifyResult(result({ stop: 'cpu-limit', exitCode: 152 }), NONCE).verdict).toBe('timeout');
    expect(classifyResult(result({ stop: 'output-cap', truncated: true }), NONCE)).toMatchObject({ verdict: 'error', detail: 'output limit exceeded' });
    expect(classifyResult(result({ exitCode: 1, stderr: 'MemoryError' }), NONCE).detail).toMatch(/^memory limit exceeded/);
    expect(classifyResult(result({ exitCode: 134, stderr: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory' }), NONCE).detail).toMatch(/^memory limit/);
    expect(classifyResult(result({ stop: 'aborted', exitCode: null }), NONCE).verdict).toBe('unscored');
  });

  it('keeps the nonce out of stored output', () => {
    const out = classifyResult(result({ stdout: `hello\n${NONCE}\n` }), NONCE).output;
    expect(out).toContain('hello');
    expect(out).not.toContain(NONCE);
  });

  it('finds the error line in Python and Node stderr', () => {
    expect(lastError('')).toBe('');
    expect(lastError('x\n  y\nValueError: bad\n')).toBe('ValueError: bad');
  });
});
