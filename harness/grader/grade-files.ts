import { randomBytes } from 'node:crypto';
import type { Task } from '../core/task.ts';
import type { GradeResult } from '../core/verdict.ts';
import { extractFiles } from '../extract/extract-files.ts';
import type { Sandbox, SandboxLimits } from '../sandbox/sandbox.ts';
import type { Toolchains } from '../sandbox/toolchains.ts';
import { buildScript } from './build-script.ts';
import { classifyFilesRun } from './classify-files-run.ts';
import { prepareExercise } from './files-programs.ts';
import { readRunTimes } from './read-run-times.ts';

export interface FilesGrading {
  sandbox: Sandbox;
  /** The per-sample limits; the test program gets their CPU time. */
  limits: SandboxLimits;
  /** Limits of the whole build-and-run script. */
  buildLimits: SandboxLimits;
  toolchains: Toolchains;
  signal?: AbortSignal;
  /** Also report the test program's CPU time, the build left out, as `cpuMs` (time-limit calibration). */
  measure?: boolean;
}

/**
 * Grades a `files` task. `code` is the answer's solution files in the whole-file format
 * (`extractAnswer` writes it; references and known-wrong solutions are stored that way). The
 * workspace is the exercise's other files, its stubs, the answer's files over them, and the test
 * files last, so no answer can replace a test. Pass is the tests' clean exit, with the nonce.
 */
export async function gradeFiles(task: Task, code: string, grading: FilesGrading): Promise<GradeResult> {
  const exercise = task.files;
  if (exercise === undefined) return { verdict: 'unscored', detail: `${task.id} is a files task without files` };
  const answer = extractFiles(code, { language: task.language, solutionFiles: Object.keys(exercise.solution) });
  if (Object.keys(answer.files).length === 0) return { verdict: 'no-code', detail: `no solution file (${Object.keys(exercise.solution).join(', ')}) found in the answer` };
  const files = { ...exercise.support, ...exercise.solution, ...answer.files, ...exercise.test };
  const budget = { cpuSeconds: grading.limits.cpuSeconds, memoryBytes: grading.limits.memoryBytes };
  const prepared = await prepareExercise({ language: task.language, files, stubs: exercise.solution, testFiles: Object.keys(exercise.test) }, grading.toolchains, budget);
  if ('unscored' in prepared) return { verdict: 'unscored', detail: prepared.unscored };
  if ('error' in prepared) return { verdict: 'error', detail: prepared.error };
  const nonce = `codebench-done-${randomBytes(16).toString('hex')}`;
  const token = randomBytes(16).toString('hex');
  const result = await grading.sandbox.run({
    files: { ...prepared.files, 'codebench-build.sh': buildScript({ ...prepared.plan, timeRun: grading.measure }) },
    argv: ['sh', 'codebench-build.sh'],
    stdin: `${token}\n${nonce}\n`,
    limits: grading.buildLimits,
    signal: grading.signal,
  });
  if (!grading.measure) return classifyFilesRun(result, { nonce, token, language: task.language });
  const timed = readRunTimes(result.stderr);
  const graded = classifyFilesRun({ ...result, stderr: timed.stderr }, { nonce, token, language: task.language });
  return timed.cpuMs === undefined ? graded : { ...graded, cpuMs: timed.cpuMs };
}
