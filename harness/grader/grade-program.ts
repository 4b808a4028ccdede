import { randomBytes } from 'node:crypto';
import type { Task } from '../core/task.ts';
import type { GradeResult } from '../core/verdict.ts';
import type { Sandbox, SandboxLimits } from '../sandbox/sandbox.ts';
import type { Toolchains } from '../sandbox/toolchains.ts';
import { buildScript } from './build-script.ts';
import { CASE_DRIVER, CASE_DRIVER_FILE } from './case-driver.ts';
import { classifyCases } from './classify-cases.ts';
import { classifyBuildFailure } from './classify-result.ts';
import { outputDigest } from './normalize-output.ts';
import { prepareProgram } from './program-builds.ts';

export interface ProgramGrading {
  sandbox: Sandbox;
  /** The per-sample limits of function tasks; here they bound each case. */
  limits: SandboxLimits;
  /** CPU seconds a compile or type-check step may take. */
  buildSeconds: number;
  toolchains: Toolchains;
  signal?: AbortSignal;
}

/**
 * Grades a `program` task: the code is a whole program, run once per case with the case's input
 * on stdin, all cases in ONE sandbox run (build first, then the case driver of ./case-driver.ts).
 * Each case gets the grader's CPU limit and wall clock; the run as a whole gets the build budget
 * plus, as LiveCodeBench does, (timeout + 1) s per case, and one case's full wall clock.
 */
export async function gradeProgram(task: Task, code: string, grading: ProgramGrading): Promise<GradeResult> {
  const cases = task.cases ?? [];
  if (cases.length === 0) return { verdict: 'unscored', detail: `${task.id} is a program task without cases` };
  const { limits, buildSeconds } = grading;
  const python = await grading.toolchains.python();
  if (!python.ok) return { verdict: 'unscored', detail: `the case runner needs Python: ${python.reason}` };
  const prepared = await prepareProgram(task.language, code, grading.toolchains, { cpuSeconds: limits.cpuSeconds, memoryBytes: limits.memoryBytes });
  if ('unscored' in prepared) return { verdict: 'unscored', detail: prepared.unscored };
  if ('error' in prepared) return { verdict: 'error', detail: prepared.error };

  const nonce = `codebench-done-${randomBytes(16).toString('hex')}`;
  const token = randomBytes(16).toString('hex');
  const config = {
    cpu: limits.cpuSeconds,
    wall: limits.wallMs / 1000,
    outputBytes: limits.outputBytes,
    cases: cases.map((c) => ({ input: c.input, sha256: outputDigest(c.output) })),
  };
  const script = buildScript({
    prepare: prepared.prepare,
    build: prepared.build,
    // The driver's own CPU limit is the build budget; it gives each case the per-case limit.
    run: { argv: [python.value, '-I', CASE_DRIVER_FILE, ...prepared.argv], cpuSeconds: Math.ceil(buildSeconds), addressSpaceBytes: prepared.addressSpaceBytes },
  });
  const runLimits: SandboxLimits = {
    ...limits,
    cpuSeconds: Math.max(limits.cpuSeconds, Math.ceil(buildSeconds)),
    wallMs: Math.round(buildSeconds * 1000) + limits.wallMs + cases.length * (limits.cpuSeconds + 1) * 1000,
    pids: Math.max(limits.pids, 128),
  };
  const result = await grading.sandbox.run({
    files: { ...prepared.files, [CASE_DRIVER_FILE]: CASE_DRIVER, 'codebench-build.sh': script },
    argv: ['sh', 'codebench-build.sh'],
    stdin: `${token}\n${nonce}\n${JSON.stringify(config)}`,
    limits: runLimits,
    signal: grading.signal,
  });
  const failedBuild = classifyBuildFailure(result, { nonce, token, language: task.language });
  if (failedBuild) return failedBuild;
  const graded = classifyCases(result, nonce, cases, { cpuSeconds: limits.cpuSeconds, wallMs: limits.wallMs });
  return { ...graded, output: graded.output?.split(token).join('<token>') };
}
