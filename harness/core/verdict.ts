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
   * CPU time of the test program, the build left out; only when grading was asked to `measure`
   * (calibration), and `undefined` where it could not be measured.
   */
  cpuMs?: number;
}
