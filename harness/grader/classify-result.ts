import type { GradeResult } from '../core/verdict.ts';
import type { SandboxResult } from '../sandbox/sandbox.ts';

const OUTPUT_KEPT = 4000;

/**
 * Turns a sandboxed test run into a verdict. `pass` needs exit code 0 and the run's nonce as the
 * last line of stdout; anything else is a failure of some class.
 */
export function classifyResult(result: SandboxResult, nonce: string): GradeResult {
  const base = { output: trimOutput(result, nonce), wallMs: result.wallMs };
  switch (result.stop) {
    case 'wall-timeout':
      return { ...base, verdict: 'timeout', detail: `timed out after ${(result.wallMs / 1000).toFixed(1)} s (wall clock)` };
    case 'cpu-limit':
      return { ...base, verdict: 'timeout', detail: 'CPU time limit exceeded' };
    case 'output-cap':
      return { ...base, verdict: 'error', detail: 'output limit exceeded' };
    case 'aborted':
      return { ...base, verdict: 'unscored', detail: 'grading was aborted' };
    case 'exited':
      break;
  }
  const lines = result.stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const sawNonce = lines.at(-1) === nonce;
  if (result.exitCode === 0 && sawNonce) return { ...base, verdict: 'pass', detail: 'passed' };
  if (result.exitCode === 0) return { ...base, verdict: 'fail', detail: 'exited before the tests finished' };

  const reason = lastError(result.stderr);
  if (isMemoryError(result, reason)) return { ...base, verdict: 'error', detail: `memory limit exceeded: ${reason}` };
  if (/AssertionError|ERR_ASSERTION|Assertion failed/.test(reason)) {
    return { ...base, verdict: 'fail', detail: reason };
  }
  const exit = result.signal ? `killed by ${result.signal}` : `exit code ${result.exitCode}`;
  return { ...base, verdict: 'error', detail: reason || exit };
}

/** The line that names the failure: Python's last traceback line, or Node's error line. */
export function lastError(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
  const node = lines.find((l) => /^(\w*Error|AssertionError)(\s*\[\w+\])?:?/.test(l.trim()) && !l.startsWith(' '));
  const last = lines.at(-1) ?? '';
  // Node prints the error line near the top, then the stack and "Node.js vXX".
  const line = /^Node\.js v/.test(last) && node ? node : last;
  return line.trim().slice(0, 500);
}

function isMemoryError(result: SandboxResult, reason: string): boolean {
  return /MemoryError|heap out of memory|Cannot allocate memory/.test(reason) || /JavaScript heap out of memory/.test(result.stderr) || result.exitCode === 134;
}

function trimOutput(result: SandboxResult, nonce: string): string | undefined {
  const text = [result.stdout, result.stderr].filter((s) => s.trim() !== '').join('\n--- stderr ---\n').split(nonce).join('<nonce>');
  if (text === '') return undefined;
  if (text.length <= OUTPUT_KEPT) return text;
  const half = OUTPUT_KEPT / 2;
  return `${text.slice(0, half)}\n… ${text.length - OUTPUT_KEPT} characters omitted …\n${text.slice(-half)}`;
}
