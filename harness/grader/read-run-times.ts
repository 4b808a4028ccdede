import { RUN_TIMES_MARKER } from './build-script.ts';

/**
 * Takes the shell's `times` report (see `ScriptPlan.timeRun`) off the end of stderr: the test
 * program's user + system CPU time, and stderr as the program left it. `cpuMs` is `undefined`
 * when the report is missing (the run was killed first) or unreadable.
 */
export function readRunTimes(stderr: string): { cpuMs: number | undefined; stderr: string } {
  const at = stderr.lastIndexOf(`\n${RUN_TIMES_MARKER}\n`);
  if (at < 0) return { cpuMs: undefined, stderr };
  const report = stderr.slice(at + RUN_TIMES_MARKER.length + 2).split('\n');
  // Line 1 is the subshell's own time, line 2 its children's: the test program.
  const children = /^(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s\s*$/.exec(report[1] ?? '');
  const rest = stderr.slice(0, at);
  if (!children) return { cpuMs: undefined, stderr: rest };
  const [, um, us, sm, ss] = children.map(Number) as [number, number, number, number, number];
  return { cpuMs: Math.round((um * 60 + us + sm * 60 + ss) * 1000), stderr: rest };
}
