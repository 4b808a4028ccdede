import { describe, expect, it } from 'vitest';
import type { SandboxResult } from '../sandbox/sandbox.ts';
import { classifyBuild, classifyResult, lastError } from './classify-result.ts';
import { compilerError } from './describe-failure.ts';

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

  it('reads assertion failures and crashes of compiled languages', () => {
    const cpp = "prog: main.cpp:31: int codebench_test_main(): Assertion `add(1, 2) == 3' failed.\n";
    expect(classifyResult(result({ exitCode: 134, stderr: cpp }), NONCE, 'cpp')).toMatchObject({ verdict: 'fail', detail: "main.cpp:31: int codebench_test_main(): Assertion `add(1, 2) == 3' failed." });
    const thrown = "terminate called after throwing an instance of 'std::out_of_range'\n  what():  vector::_M_range_check: __n (which is 5) >= this->size() (which is 3)\n";
    expect(classifyResult(result({ exitCode: 134, stderr: thrown }), NONCE, 'cpp')).toMatchObject({ verdict: 'error', detail: expect.stringMatching(/^terminate called .*std::out_of_range' what\(\): +vector::_M_range_check/) });
    const java = 'Exception in thread "main" java.lang.AssertionError\n\tat Main.main(Main.java:7)\n\tat CodebenchDriver.main(CodebenchDriver.java:4)\n';
    expect(classifyResult(result({ exitCode: 1, stderr: java }), NONCE, 'java')).toMatchObject({ verdict: 'fail', detail: 'java.lang.AssertionError at Main.main(Main.java:7)' });
    const npe = 'Exception in thread "main" java.lang.NullPointerException: boom\n\tat Solution.f(Solution.java:3)\n';
    expect(classifyResult(result({ exitCode: 1, stderr: npe }), NONCE, 'java')).toMatchObject({ verdict: 'error', detail: 'java.lang.NullPointerException: boom at Solution.f(Solution.java:3)' });
    const rust = "thread 'main' panicked at 'assertion failed: `(left == right)`\n  left: `-1`,\n right: `3`', main.rs:30:9\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n";
    expect(classifyResult(result({ exitCode: 101, stderr: rust }), NONCE, 'rust')).toMatchObject({ verdict: 'fail', detail: "panicked at 'assertion failed: `(left == right)` left: `-1`, right: `3`', main.rs:30:9" });
    const index = "thread 'main' panicked at 'index out of bounds: the len is 3 but the index is 5', main.rs:3:5\n";
    expect(classifyResult(result({ exitCode: 101, stderr: index }), NONCE, 'rust').verdict).toBe('error');
    const go = '--- FAIL: TestAdd (0.00s)\n    main_test.go:15: \n        \tError Trace:\tmain_test.go:15\n        \tError:      \tNot equal: \n        \t            \texpected: 3\n        \t            \tactual  : -1\n        \tTest:       \tTestAdd\nFAIL\n';
    expect(classifyResult(result({ exitCode: 1, stdout: go }), NONCE, 'go')).toMatchObject({ verdict: 'fail', detail: 'TestAdd: Not equal: expected: 3, actual: -1' });
    const panic = 'panic: runtime error: index out of range [5] with length 3 [recovered]\n';
    expect(classifyResult(result({ exitCode: 2, stdout: '--- FAIL: TestAdd (0.00s)\n' + panic }), NONCE, 'go')).toMatchObject({ verdict: 'error', detail: panic.trim() });
  });

  it('calls a build failure an error only with the run\'s own token, and never passes it', () => {
    const token = 'f'.repeat(32);
    const failed = result({ exitCode: 97, stdout: `\ncodebench-build-failed-${token}\n`, stderr: "main.cpp: In function 'int add(int, int)':\nmain.cpp:24:16: error: expected primary-expression before ';' token\ncodebench: build step exited with status 1\n" });
    const graded = classifyBuild(failed, { nonce: NONCE, token, language: 'cpp' });
    expect(graded).toMatchObject({ verdict: 'error', detail: "main.cpp:24:16: error: expected primary-expression before ';' token" });
    expect(graded.output).not.toContain(token);
    const forged = classifyBuild({ ...failed, stderr: '' }, { nonce: NONCE, token: 'a'.repeat(32), language: 'cpp' });
    expect(forged.verdict).toBe('error');
    expect(forged.detail).not.toMatch(/^main\.cpp/);
    expect(classifyBuild(result({ stdout: `${NONCE}\n` }), { nonce: NONCE, token, language: 'cpp' }).verdict).toBe('pass');
  });

  it('finds the first error line of each compiler', () => {
    expect(compilerError('error[E0277]: cannot add `&str` to `i32`\n --> main.rs:12:7\n  |\n', 'rust')).toBe('error[E0277]: cannot add `&str` to `i32` (main.rs:12:7)');
    expect(compilerError('Solution.java:7: error: illegal start of expression\n        return a + ;\n', 'java')).toBe('Solution.java:7: error: illegal start of expression');
    expect(compilerError('# command-line-arguments\n./main_test.go:9:12: invalid operation: a + "x" (mismatched types int and untyped string)\n', 'go')).toBe('main_test.go:9:12: invalid operation: a + "x" (mismatched types int and untyped string)');
    expect(compilerError("main.ts(3,3): error TS2322: Type 'string' is not assignable to type 'number'.\n", 'typescript')).toBe("main.ts(3,3): error TS2322: Type 'string' is not assignable to type 'number'.");
    expect(compilerError('/usr/bin/ld: /tmp/x.o: in function `main\':\nmain.cpp:(.text+0x5): undefined reference to `helper()\'\ncollect2: error: ld returned 1 exit status\n', 'cpp')).toMatch(/undefined reference to `helper\(\)'/);
    expect(compilerError('codebench: build step exited with status 137\n', 'cpp')).toBe('codebench: build step exited with status 137');
  });
});
