import { RUN_TIMES_MARKER } from './build-script.ts';

const REPORT = new RegExp(`\\n${RUN_TIMES_MARKER}\\n[^\\n]*\\n([^\\n]*)(?:\\n|$)`, 'g');

/**
 * Takes the shell's `times` reports (see `ScriptPlan.timeRun`) out of stderr: each timed run's
 * user + system CPU time in milliseconds, in order (`cpuMs` is the last, the graded run), and
 * stderr as the programs left it. A run killed before its report, or an unreadable report, adds nothing.
 */
export function readRunTimes(stderr: string): { cpuMs: number | undefined; runsMs: number[]; stderr: string } {
  const runsMs: number[] = [];
  // Line 1 of a report is the subshell's own time, line 2 its children's: the test program.
  const rest = stderr.replace(REPORT, (_all, children: string) => {
    const match = /^(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s\s*$/.exec(children);
    if (match) {
      const [, um, us, sm, ss] = match.map(Number) as [number, number, number, number, number];
      runsMs.push(Math.round((um * 60 + us + sm * 60 + ss) * 1000));
    }
    return '';
  });
  return { cpuMs: runsMs.at(-1), runsMs, stderr: rest };
}
