import type { ProgramCase } from '../core/task.ts';
import type { GradeResult } from '../core/verdict.ts';
import type { SandboxResult } from '../sandbox/sandbox.ts';
import { lastError } from './describe-failure.ts';
import { normalizeOutput, outputDigest } from './normalize-output.ts';

/** One line of the case driver's report (./case-driver.ts). */
export interface CaseReport {
  case: number;
  status: 'ok' | 'exit' | 'signal' | 'cpu' | 'wall' | 'output' | 'start';
  sha256?: string;
  ms?: number;
  cpuMs?: number;
  code?: number;
  signal?: string;
  stdout?: string;
  stderr?: string;
}

const OUTPUT_KEPT = 4000;
const SHOWN = 160;

/**
 * Turns the case driver's run into a verdict. `pass` needs the driver's closing `<nonce> done`
 * line and, for every case in order, a report whose digest equals the digest of that case's
 * normalised expected output, computed here: the driver's own comparison only decides where it
 * stops. The first case that did not pass names the verdict: a wrong output is `fail`, a crash
 * `error`, a CPU or wall-clock limit `timeout`.
 */
export function classifyCases(result: SandboxResult, nonce: string, cases: readonly ProgramCase[], limits: { cpuSeconds: number; wallMs: number }): GradeResult {
  const { reports, done } = readReports(result.stdout, nonce);
  const n = cases.length;
  const base = { wallMs: result.wallMs };
  for (let i = 0; i < n; i++) {
    const report = reports.get(i);
    if (!report) {
      if (done) return { ...base, verdict: 'error', detail: `case ${i + 1} of ${n}: the case runner reported nothing`, output: runOutput(result, nonce) };
      return { ...base, ...runStopped(result, nonce, i, n) };
    }
    const expected = cases[i]!.output;
    if (report.status === 'ok' && report.sha256 === outputDigest(expected)) continue;
    const at = `case ${i + 1} of ${n}`;
    const output = caseOutput(at, cases[i]!, report);
    switch (report.status) {
      case 'ok':
        return { ...base, verdict: 'fail', detail: `${at}: ${describeMismatch(expected, report.stdout)}`, output };
      case 'cpu':
        return { ...base, verdict: 'timeout', detail: `${at}: CPU time limit exceeded (${limits.cpuSeconds} s)`, output };
      case 'wall':
        return { ...base, verdict: 'timeout', detail: `${at}: timed out after ${(limits.wallMs / 1000).toFixed(1)} s (wall clock)`, output };
      case 'output':
        return { ...base, verdict: 'error', detail: `${at}: output limit exceeded`, output };
      default: {
        const reason = lastError(report.stderr ?? '');
        if (result.memoryExceeded === true || /MemoryError|heap out of memory|std::bad_alloc|OutOfMemoryError|runtime: out of memory|memory allocation of \d+ bytes failed/.test(report.stderr ?? '')) {
          return { ...base, verdict: 'error', detail: `${at}: memory limit exceeded${reason ? `: ${reason}` : ''}`, output };
        }
        const how = report.status === 'signal' ? `killed by ${report.signal}` : report.status === 'start' ? 'could not start' : `exit code ${report.code}`;
        return { ...base, verdict: 'error', detail: `${at}: ${how}${reason ? `: ${reason}` : ''}`, output };
      }
    }
  }
  if (!done) return { ...base, ...runStopped(result, nonce, n, n) };
  // The CPU limit is per case, so the time that calibrates it is the slowest case's.
  const cpuMs = Math.max(...[...reports.values()].map((r) => r.cpuMs ?? 0));
  return { ...base, verdict: 'pass', detail: `passed ${n} case${n === 1 ? '' : 's'}`, cpuMs };
}

/** Report lines are `<nonce> <json>` and `<nonce> done`; anything else on stdout is ignored. */
export function readReports(stdout: string, nonce: string): { reports: Map<number, CaseReport>; done: boolean } {
  const reports = new Map<number, CaseReport>();
  let done = false;
  for (const line of stdout.split('\n')) {
    if (!line.startsWith(`${nonce} `)) continue;
    const rest = line.slice(nonce.length + 1).trim();
    if (rest === 'done') {
      done = true;
      continue;
    }
    try {
      const report = JSON.parse(rest) as CaseReport;
      if (typeof report.case === 'number' && !reports.has(report.case)) reports.set(report.case, report);
    } catch {
      // A report line torn by output the program pushed into the same stream: that case has no report.
    }
  }
  return { reports, done };
}

/** Why the driver stopped before case `i`: the run as a whole hit a limit or crashed. */
function runStopped(result: SandboxResult, nonce: string, i: number, n: number): Omit<GradeResult, 'wallMs'> {
  const at = i < n ? `case ${i + 1} of ${n}` : `after case ${n} of ${n}`;
  const output = runOutput(result, nonce);
  switch (result.stop) {
    case 'wall-timeout':
      return { verdict: 'timeout', detail: `${at}: timed out after ${(result.wallMs / 1000).toFixed(1)} s (wall clock, all cases together)`, output };
    case 'cpu-limit':
      return { verdict: 'timeout', detail: `${at}: CPU time limit exceeded`, output };
    case 'output-cap':
      return { verdict: 'error', detail: `${at}: output limit exceeded`, output };
    case 'aborted':
      return { verdict: 'unscored', detail: 'grading was aborted', output };
    case 'exited':
      if (result.memoryExceeded === true) return { verdict: 'error', detail: `${at}: memory limit exceeded`, output };
      return { verdict: 'error', detail: `${at}: the case runner stopped (${result.signal ? `killed by ${result.signal}` : `exit code ${result.exitCode}`})${result.stderr.trim() ? `: ${lastError(result.stderr)}` : ''}`, output };
  }
}

/** Where expected and actual output first differ, both quoted and clipped. */
export function describeMismatch(expected: string, actual: string | undefined): string {
  const want = normalizeOutput(expected);
  const got = normalizeOutput(actual ?? '');
  if (actual !== undefined && got === '') return `expected ${quote(want)}, got no output`;
  if (want.length <= SHOWN && got.length <= SHOWN) return `expected ${quote(want)}, got ${quote(got)}`;
  const a = want.split('\n');
  const b = got.split('\n');
  let line = 0;
  while (line < a.length && line < b.length && a[line] === b[line]) line++;
  const show = (l: string | undefined) => (l === undefined ? 'end of output' : quote(l));
  return `line ${line + 1}: expected ${show(a[line])}, got ${show(b[line])}`;
}

function quote(text: string): string {
  return JSON.stringify(text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text);
}

/** What a person (or a repair round) sees for a failing case, as LiveCodeBench's feedback does: input, expected, got, stderr. */
function caseOutput(at: string, c: ProgramCase, report: CaseReport): string {
  const parts = [`${at}`, '--- input ---', clip(c.input, 1200), '--- expected output ---', clip(c.output, 1200)];
  if (report.stdout !== undefined) parts.push('--- program output ---', report.stdout === '' ? '(no output)' : clip(report.stdout, 1200));
  if (report.stderr?.trim()) parts.push('--- stderr ---', clip(report.stderr, 1200));
  return parts.join('\n');
}

function runOutput(result: SandboxResult, nonce: string): string | undefined {
  const stdout = result.stdout.split('\n').filter((l) => !l.startsWith(`${nonce} `)).join('\n');
  const text = [stdout, result.stderr].filter((s) => s.trim() !== '').join('\n--- stderr ---\n').split(nonce).join('<nonce>');
  return text === '' ? undefined : clip(text, OUTPUT_KEPT);
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text.replace(/\n$/, '');
  return `${text.slice(0, max / 2)}\n… ${text.length - max} characters omitted …\n${text.slice(-max / 2)}`;
}
