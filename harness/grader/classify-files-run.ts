import type { Language } from '../core/task.ts';
import type { GradeResult } from '../core/verdict.ts';
import type { SandboxResult } from '../sandbox/sandbox.ts';
import { BUILD_FAILED_EXIT, buildFailedMarker } from './build-script.ts';
import { classifyBuild } from './classify-result.ts';
import type { Failure } from './describe-failure.ts';

/**
 * A files run is classified like any build-and-run script; a failing test run gets its detail
 * from the test runner's own report (unittest, node:test), which names the test that failed.
 */
export function classifyFilesRun(result: SandboxResult, run: { nonce: string; token: string; language: Language }): GradeResult {
  const graded = classifyBuild(result, run);
  if (graded.verdict !== 'fail' && graded.verdict !== 'error') return graded;
  if (result.stop !== 'exited' || result.exitCode === 0 || graded.detail.startsWith('memory limit exceeded')) return graded;
  const lastLine = result.stdout.trimEnd().split('\n').at(-1)?.trim();
  if (result.exitCode === BUILD_FAILED_EXIT && lastLine === buildFailedMarker(run.token)) return graded;
  const failure = run.language === 'python' ? unittestFailure(result.stderr) : run.language === 'typescript' ? nodeTestFailure(result.stderr) : undefined;
  return failure ? { ...graded, verdict: failure.assertion ? 'fail' : 'error', detail: failure.reason } : graded;
}

/**
 * unittest's report: `FAIL: test_x (mod.Class.test_x)` (an assertion) or `ERROR: …` (an
 * exception), then the traceback, whose last line is the exception. Any FAIL makes it `fail`.
 */
export function unittestFailure(stderr: string): Failure | undefined {
  const lines = stderr.split('\n');
  const blocks: { kind: string; name: string; last: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = /^(FAIL|ERROR): (.+?)\s*$/.exec(lines[i]!);
    if (!head) continue;
    let last = '';
    // Line i + 1 is the dashed rule under the heading; the next rule ends the traceback.
    for (let j = i + 2; j < lines.length; j++) {
      const line = lines[j]!.trim();
      if (/^(?:={20,}|-{20,})$/.test(line)) break;
      if (line !== '') last = line;
    }
    blocks.push({ kind: head[1]!, name: head[2]!, last });
  }
  const chosen = blocks.find((b) => b.kind === 'FAIL') ?? blocks[0];
  if (!chosen) return undefined;
  return { assertion: chosen.kind === 'FAIL', reason: clip(`${chosen.name}: ${chosen.last}`) };
}

/** node:test's spec report: `✖ name (1.2ms)` followed by the error, in the failing-tests summary. */
export function nodeTestFailure(stderr: string): Failure | undefined {
  const text = stderr.includes('✖ failing tests:') ? stderr.slice(stderr.indexOf('✖ failing tests:')) : stderr;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const head = /^\s*✖ (.+?) \([\d.]+m?s\)\s*$/.exec(lines[i]!);
    if (!head) continue;
    const error = lines.slice(i + 1).map((l) => l.trim()).filter((l) => l !== '');
    const first = error[0] ?? '';
    if (first === '' || /^'?\d+ subtests? failed'?$/.test(first)) continue;
    const assertion = /AssertionError|ERR_ASSERTION/.test(first);
    const message = assertion && /:$/.test(first) && error[1] && !error[1].startsWith('at ') ? `${first} ${error[1]}` : first;
    return { assertion, reason: clip(`${head[1]}: ${message}`) };
  }
  return undefined;
}

function clip(text: string): string {
  return text.trim().slice(0, 500);
}
