/**
 * `pass` needs evidence that the tests ran to the end. `unscored` is an infrastructure failure
 * (API error after every retry, a sandbox that could not start): it is kept out of denominators.
 */
export type Verdict = 'pass' | 'fail' | 'error' | 'timeout' | 'no-code' | 'unscored';

export const VERDICTS: readonly Verdict[] = ['pass', 'fail', 'error', 'timeout', 'no-code', 'unscored'];

export interface GradeResult {
  verdict: Verdict;
  /** One line a person can read: the assertion, the exception, the limit that was hit. */
  detail: string;
  /** Trimmed stdout and stderr of the test run, for drill-down. */
  output?: string;
  /** Wall time of the sandboxed test run. */
  wallMs?: number;
  /**
   * CPU time of the test program, the build left out (of the graded run, when several were
   * timed); only when grading was asked to `measure` (calibration), or where a grader always
   * reports it. `undefined` where it could not be measured.
   */
  cpuMs?: number;
  /** With `measure: n`, the CPU time of each of the n timed runs, in order. */
  runCpuMs?: number[];
}
