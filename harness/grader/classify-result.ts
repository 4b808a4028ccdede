import type { Language } from '../core/task.ts';
import type { GradeResult } from '../core/verdict.ts';
import type { SandboxResult } from '../sandbox/sandbox.ts';
import { BUILD_FAILED_EXIT, buildFailedMarker } from './build-script.ts';
import { compilerError, describeFailure } from './describe-failure.ts';

export { lastError } from './describe-failure.ts';

const OUTPUT_KEPT = 4000;

/**
 * Turns a sandboxed test run into a verdict. `pass` needs exit code 0 and the run's nonce as the
 * last line of stdout; anything else is a failure of some class.
 */
export function classifyResult(result: SandboxResult, nonce: string, language?: Language): GradeResult {
  const base = { output: trimOutput(result, [nonce]), wallMs: result.wallMs };
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

  const failure = describeFailure(result, language);
  if (isMemoryError(result, failure.reason)) return { ...base, verdict: 'error', detail: `memory limit exceeded: ${failure.reason}` };
  if (failure.assertion) return { ...base, verdict: 'fail', detail: failure.reason };
  // The script's shell reports a program killed by a signal as 128 + its number.
  const exit = result.signal ? `killed by ${result.signal}` : result.exitCode === 137 ? 'killed (SIGKILL)' : `exit code ${result.exitCode}`;
  return { ...base, verdict: 'error', detail: failure.reason || exit };
}

/**
 * For a build-and-run script: a compile (or type-check) error is `error` with the compiler's first
 * error line. It is recognised only by the build token, which no candidate program ever sees;
 * everything else is classified like any test run, so a failed build can never pass.
 */
export function classifyBuild(result: SandboxResult, run: { nonce: string; token: string; language: Language }): GradeResult {
  const failed = classifyBuildFailure(result, run);
  if (failed) return failed;
  const graded = classifyResult(result, run.nonce, run.language);
  return { ...graded, output: graded.output?.split(run.token).join('<token>') };
}

/** The `error` verdict of a run whose build step failed, or `undefined` when the build went through. */
export function classifyBuildFailure(result: SandboxResult, run: { nonce: string; token: string; language: Language }): GradeResult | undefined {
  const lines = result.stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const marker = buildFailedMarker(run.token);
  if (!(result.stop === 'exited' && result.exitCode === BUILD_FAILED_EXIT && lines.at(-1) === marker)) return undefined;
  const output = trimOutput({ ...result, stdout: result.stdout.split(marker).join('') }, [run.nonce, run.token]);
  return { verdict: 'error', detail: compilerError(result.stderr, run.language), output, wallMs: result.wallMs };
}

function isMemoryError(result: SandboxResult, reason: string): boolean {
  if (result.memoryExceeded === true) return true;
  if (/MemoryError|heap out of memory|Cannot allocate memory|std::bad_alloc|OutOfMemoryError|runtime: out of memory|memory allocation of \d+ bytes failed/.test(reason)) return true;
  return /JavaScript heap out of memory/.test(result.stderr) || (result.exitCode === 134 && !/Assertion .* failed/.test(result.stderr) && !/terminate called/.test(result.stderr));
}

function trimOutput(result: SandboxResult, secrets: string[]): string | undefined {
  let text = [result.stdout, result.stderr].filter((s) => s.trim() !== '').join('\n--- stderr ---\n');
  for (const secret of secrets) text = text.split(secret).join(secret === secrets[0] ? '<nonce>' : '<token>');
  if (text === '') return undefined;
  if (text.length <= OUTPUT_KEPT) return text;
  const half = OUTPUT_KEPT / 2;
  return `${text.slice(0, half)}\n… ${text.length - OUTPUT_KEPT} characters omitted …\n${text.slice(-half)}`;
}
