import { describe, expect, it } from 'vitest';
import type { SandboxResult } from '../sandbox/sandbox.ts';
import { classifyCases, describeMismatch } from './classify-cases.ts';
import { normalizeOutput, outputDigest } from './normalize-output.ts';

const NONCE = 'codebench-done-abc';
const CASES = [
  { input: '1\n', output: 'one\n' },
  { input: '2\n', output: 'two\n' },
];
const LIMITS = { cpuSeconds: 2, wallMs: 6000 };
const run = (stdout: string, over: Partial<SandboxResult> = {}): SandboxResult => ({
  exitCode: 0,
  signal: null,
  stop: 'exited',
  stdout,
  stderr: '',
  truncated: false,
  wallMs: 10,
  ...over,
});
const line = (report: object) => `${NONCE} ${JSON.stringify(report)}\n`;
const ok = (i: number, output: string) => line({ case: i, status: 'ok', sha256: outputDigest(output) });

describe('normalizeOutput', () => {
  it('strips trailing whitespace per line and trailing blank lines, nothing else', () => {
    expect(normalizeOutput('a  \r\nb\t\n\n \n')).toBe('a\nb');
    expect(normalizeOutput('\n  a\n\nb')).toBe('\n  a\n\nb');
    expect(outputDigest('3\n')).toBe(outputDigest('3   \n\n'));
    expect(outputDigest('3')).not.toBe(outputDigest(' 3'));
  });
});

describe('classifyCases', () => {
  it('passes only with a matching digest for every case and the closing done line', () => {
    const timed = (i: number, output: string, cpuMs: number) => line({ case: i, status: 'ok', sha256: outputDigest(output), cpuMs });
    expect(classifyCases(run(`${timed(0, 'one', 30)}${timed(1, 'two  \n', 70)}${NONCE} done\n`), NONCE, CASES, LIMITS)).toMatchObject({ verdict: 'pass', detail: 'passed 2 cases', cpuMs: 70 });
    // Without `done` the runner did not finish, whatever it reported before.
    expect(classifyCases(run(`${ok(0, 'one')}${ok(1, 'two')}`), NONCE, CASES, LIMITS).verdict).toBe('error');
  });

  it('recomputes every digest: a report the runner called ok is still checked', () => {
    const r = classifyCases(run(`${ok(0, 'one')}${ok(1, 'three')}${NONCE} done\n`), NONCE, CASES, LIMITS);
    expect(r).toMatchObject({ verdict: 'fail', detail: expect.stringMatching(/^case 2 of 2: /) });
  });

  it('ignores report lines without the nonce, as a program could print', () => {
    const forged = `codebench-done-000 ${JSON.stringify({ case: 0, status: 'ok', sha256: outputDigest('one') })}\ncodebench-done-000 done\n`;
    expect(classifyCases(run(forged), NONCE, CASES, LIMITS).verdict).not.toBe('pass');
  });

  it('maps each case status to a verdict that names the case', () => {
    const first = (report: object) => classifyCases(run(`${line({ case: 0, ...report })}${NONCE} done\n`), NONCE, CASES, LIMITS);
    expect(first({ status: 'ok', sha256: outputDigest('uno'), stdout: 'uno\n' })).toMatchObject({ verdict: 'fail', detail: 'case 1 of 2: expected "one", got "uno"' });
    expect(first({ status: 'cpu', signal: 'SIGXCPU' })).toMatchObject({ verdict: 'timeout', detail: 'case 1 of 2: CPU time limit exceeded (2 s)' });
    expect(first({ status: 'wall' })).toMatchObject({ verdict: 'timeout', detail: 'case 1 of 2: timed out after 6.0 s (wall clock)' });
    expect(first({ status: 'output' })).toMatchObject({ verdict: 'error', detail: 'case 1 of 2: output limit exceeded' });
    expect(first({ status: 'signal', signal: 'SIGSEGV', stderr: '' })).toMatchObject({ verdict: 'error', detail: 'case 1 of 2: killed by SIGSEGV' });
    expect(first({ status: 'exit', code: 1, stderr: 'Traceback (most recent call last):\nMemoryError\n' })).toMatchObject({ verdict: 'error', detail: 'case 1 of 2: memory limit exceeded: MemoryError' });
  });

  it('classifies a run stopped from outside by its limit', () => {
    expect(classifyCases(run(ok(0, 'one'), { stop: 'wall-timeout', wallMs: 9000 }), NONCE, CASES, LIMITS)).toMatchObject({ verdict: 'timeout', detail: expect.stringMatching(/^case 2 of 2: timed out after 9\.0 s/) });
    expect(classifyCases(run('', { stop: 'aborted' }), NONCE, CASES, LIMITS).verdict).toBe('unscored');
  });
});

describe('describeMismatch', () => {
  it('quotes short outputs whole and long ones at the first differing line', () => {
    expect(describeMismatch('a\nb\n', 'a\nc')).toBe('expected "a\\nb", got "a\\nc"');
    const long = Array.from({ length: 100 }, (_, i) => `row ${i}`).join('\n');
    expect(describeMismatch(long, long.replace('row 42', 'row 4two'))).toBe('line 43: expected "row 42", got "row 4two"');
    expect(describeMismatch(long, long.split('\n').slice(0, 50).join('\n'))).toBe('line 51: expected "row 50", got end of output');
    expect(describeMismatch('x', '')).toBe('expected "x", got no output');
  });
});
