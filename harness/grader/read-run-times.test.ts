import { describe, expect, it } from 'vitest';
import { buildScript, RUN_TIMES_MARKER } from './build-script.ts';
import { readRunTimes } from './read-run-times.ts';

describe('readRunTimes', () => {
  it('adds the children line of `times` and strips the report', () => {
    const stderr = `warning: x\n\n${RUN_TIMES_MARKER}\n0m0.000000s 0m0.001000s\n0m1.250000s 0m0.040000s\n`;
    expect(readRunTimes(stderr)).toEqual({ cpuMs: 1290, runsMs: [1290], stderr: 'warning: x\n' });
  });

  it('reads minutes and bash-style precision', () => {
    expect(readRunTimes(`\n${RUN_TIMES_MARKER}\n0m0.00s 0m0.00s\n2m3.500s 0m0.500s\n`).cpuMs).toBe(124_000);
  });

  it('reads every timed run in order, the graded one last, and strips them all', () => {
    const stderr = `\n${RUN_TIMES_MARKER}\n0m0s 0m0s\n0m0.5s 0m0.0s\n\n${RUN_TIMES_MARKER}\n0m0s 0m0s\n0m0.4s 0m0.0s\nAssertionError\n\n${RUN_TIMES_MARKER}\n0m0.0s 0m0.0s\n0m0.2s 0m0.1s\n`;
    expect(readRunTimes(stderr)).toEqual({ cpuMs: 300, runsMs: [500, 400, 300], stderr: 'AssertionError\n' });
  });

  it('leaves stderr alone without a report', () => {
    expect(readRunTimes('Traceback\n')).toEqual({ cpuMs: undefined, runsMs: [], stderr: 'Traceback\n' });
    expect(readRunTimes(`x\n${RUN_TIMES_MARKER}\ngarbage\nmore garbage\n`)).toEqual({ cpuMs: undefined, runsMs: [], stderr: 'x' });
  });
});

describe('buildScript with timeRun', () => {
  const plan = { build: [{ argv: ['cc', 'a.c'] }], run: { argv: ['{W}/prog'], cpuSeconds: 3 } };

  it('runs the test in a subshell that reports its times and keeps its exit status', () => {
    const script = buildScript({ ...plan, timeRun: true });
    expect(script).toContain(`(prlimit --cpu=3:4 -- "$W"'/prog'; codebench_status=$?; printf '\\n%s\\n' '${RUN_TIMES_MARKER}' >&2; times >&2; exit $codebench_status)`);
    expect(script).not.toContain('warm-up');
    expect(buildScript(plan)).not.toContain(RUN_TIMES_MARKER);
  });

  it('times warm-up runs first with a dummy first line, output dropped, stopping at the first failure', () => {
    const lines = buildScript({ ...plan, timeRun: 3 }).split('\n');
    const warmUps = lines.filter((l) => l.includes("printf 'codebench-warm-up\\n' | prlimit --cpu=3:4"));
    expect(warmUps).toHaveLength(2);
    for (const l of warmUps) expect(l).toMatch(/>\/dev\/null 2>&1; codebench_status=\$\?; .* times >&2; exit \$codebench_status\) \|\| exit \$\?$/);
    // The graded run comes last and is the only one that reads the script's stdin (the nonce).
    expect(lines.findIndex((l) => l.startsWith('(prlimit'))).toBeGreaterThan(lines.lastIndexOf(warmUps[1]!));
  });
});
