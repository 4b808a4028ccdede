import { describe, expect, it } from 'vitest';
import { buildScript, RUN_TIMES_MARKER } from './build-script.ts';
import { readRunTimes } from './read-run-times.ts';

describe('readRunTimes', () => {
  it('adds the children line of `times` and strips the report', () => {
    const stderr = `warning: x\n\n${RUN_TIMES_MARKER}\n0m0.000000s 0m0.001000s\n0m1.250000s 0m0.040000s\n`;
    expect(readRunTimes(stderr)).toEqual({ cpuMs: 1290, stderr: 'warning: x\n' });
  });

  it('reads minutes and bash-style precision', () => {
    expect(readRunTimes(`\n${RUN_TIMES_MARKER}\n0m0.00s 0m0.00s\n2m3.500s 0m0.500s\n`).cpuMs).toBe(124_000);
  });

  it('uses the last report, so text the program printed earlier does not count', () => {
    const stderr = `\n${RUN_TIMES_MARKER}\n0m0s 0m0s\n9m0.0s 0m0.0s\nmore\n\n${RUN_TIMES_MARKER}\n0m0.0s 0m0.0s\n0m0.2s 0m0.1s\n`;
    expect(readRunTimes(stderr).cpuMs).toBe(300);
  });

  it('leaves stderr alone without a report', () => {
    expect(readRunTimes('Traceback\n')).toEqual({ cpuMs: undefined, stderr: 'Traceback\n' });
    expect(readRunTimes(`x\n${RUN_TIMES_MARKER}\ngarbage\n`)).toEqual({ cpuMs: undefined, stderr: 'x' });
  });
});

describe('buildScript with timeRun', () => {
  const plan = { build: [{ argv: ['cc', 'a.c'] }], run: { argv: ['{W}/prog'], cpuSeconds: 3 } };

  it('runs the test in a subshell that reports its times and keeps its exit status', () => {
    const script = buildScript({ ...plan, timeRun: true });
    expect(script).toContain(`(prlimit --cpu=3:4 -- "$W"'/prog'; codebench_status=$?; printf '\\n%s\\n' '${RUN_TIMES_MARKER}' >&2; times >&2; exit $codebench_status)`);
    expect(buildScript(plan)).not.toContain(RUN_TIMES_MARKER);
  });
});
