import { randomBytes } from 'node:crypto';
import { SandboxError } from '../core/errors.ts';
import type { Task } from '../core/task.ts';
import type { GradeResult } from '../core/verdict.ts';
import type { Sandbox, SandboxLimits } from '../sandbox/sandbox.ts';
import { Toolchains } from '../sandbox/toolchains.ts';
import { assembleProgram, assembleSolution } from './assemble-program.ts';
import { buildScript } from './build-script.ts';
import { classifyBuild, classifyResult } from './classify-result.ts';
import { cppProgram, javaProgram, rustProgram, type Prepared, type RunBudget } from './compiled-programs.ts';
import { NODE_DRIVER, PYTHON_DRIVER } from './drivers.ts';
import { goProgram } from './go-program.ts';
import { readRunTimes } from './read-run-times.ts';
import { gradeFiles } from './grade-files.ts';
import { gradeProgram } from './grade-program.ts';
import { typeScriptProgram } from './typescript-program.ts';

export interface GraderOptions {
  /** Per-sample time limit in seconds: CPU time decides, the wall clock only stops hangs. */
  timeoutSeconds: number;
  memoryBytes?: number;
  /**
   * CPU seconds each compile or type-check step may take (default 60). A hung program can hold a
   * slot for this plus the test's own wall time.
   */
  buildTimeoutSeconds?: number;
  /** Where compilers are found; the default looks under /usr. */
  toolchains?: Toolchains;
}

export interface GradeOptions {
  signal?: AbortSignal;
  /** This task's own CPU limit in seconds (a calibrated one); the grader's `timeoutSeconds` otherwise. */
  timeoutSeconds?: number;
  /**
   * For calibrating time limits with a reference: also time the test program, the build left
   * out, into `cpuMs`. With a number n, a compiled or type-checked program is built once and run n
   * times (`runCpuMs`); Python and JavaScript run once, timed by the cgroup where there is one.
   */
  measure?: boolean | number;
}

const DEFAULT_BUILD_SECONDS = 60;

/** Grades one piece of code against one task's hidden tests, in the sandbox it was given. */
export class Grader {
  readonly #sandbox: Sandbox;
  readonly #limits: SandboxLimits;
  readonly #buildLimits: SandboxLimits;
  readonly #buildSeconds: number;
  readonly #toolchains: Toolchains;

  constructor(sandbox: Sandbox, options: GraderOptions) {
    if (!(options.timeoutSeconds > 0)) throw new TypeError(`Expected \`timeoutSeconds\` to be a number above 0, got ${options.timeoutSeconds}`);
    const buildSeconds = options.buildTimeoutSeconds ?? DEFAULT_BUILD_SECONDS;
    if (!(buildSeconds > 0)) throw new TypeError(`Expected \`buildTimeoutSeconds\` to be a number above 0, got ${buildSeconds}`);
    this.#sandbox = sandbox;
    this.#limits = limitsFor(options);
    this.#buildLimits = buildLimitsFor(this.#limits, buildSeconds);
    this.#buildSeconds = buildSeconds;
    this.#toolchains = options.toolchains ?? new Toolchains();
  }

  async grade(task: Task, code: string | undefined, options: GradeOptions = {}): Promise<GradeResult> {
    if (code === undefined || code.trim() === '') return { verdict: 'no-code', detail: 'no code found in the completion' };
    const { timeoutSeconds } = options;
    if (timeoutSeconds !== undefined && !(timeoutSeconds > 0)) throw new TypeError(`Expected \`timeoutSeconds\` to be a number above 0, got ${timeoutSeconds}`);
    const limits = timeoutSeconds === undefined ? this.#limits : taskLimits(this.#limits, timeoutSeconds);
    const buildLimits = timeoutSeconds === undefined ? this.#buildLimits : buildLimitsFor(limits, this.#buildSeconds);
    const nonce = `codebench-done-${randomBytes(16).toString('hex')}`;
    try {
      if (task.kind === 'program') {
        return await gradeProgram(task, code, { sandbox: this.#sandbox, limits, buildSeconds: this.#buildSeconds, toolchains: this.#toolchains, signal: options.signal });
      }
      if (task.kind === 'files') return await gradeFiles(task, code, { sandbox: this.#sandbox, limits, buildLimits, toolchains: this.#toolchains, signal: options.signal, measure: Boolean(options.measure) });
      if (task.language === 'python' || task.language === 'javascript') {
        const program = assembleProgram(task, code);
        const files: Record<string, string> = task.language === 'python' ? { 'main.py': program, 'driver.py': PYTHON_DRIVER } : { 'main.js': program, 'driver.js': NODE_DRIVER };
        const argv = task.language === 'python' ? ['python3', '-I', '-u', 'driver.py'] : ['node', 'driver.js'];
        const result = await this.#sandbox.run({ files, argv, stdin: `${nonce}\n`, limits, signal: options.signal });
        const graded = classifyResult(result, nonce, task.language);
        return options.measure && result.cpuMs !== undefined ? { ...graded, cpuMs: result.cpuMs } : graded;
      }
      const prepared = await this.#prepare(task, code, limits);
      if ('unscored' in prepared) return { verdict: 'unscored', detail: prepared.unscored };
      if ('error' in prepared) return { verdict: 'error', detail: prepared.error };
      const token = randomBytes(16).toString('hex');
      const result = await this.#sandbox.run({
        files: { ...prepared.files, 'codebench-build.sh': buildScript({ ...prepared.plan, timeRun: options.measure }) },
        argv: ['sh', 'codebench-build.sh'],
        stdin: `${token}\n${nonce}\n`,
        limits: buildLimits,
        signal: options.signal,
      });
      if (!options.measure) return classifyBuild(result, { nonce, token, language: task.language });
      const timed = readRunTimes(result.stderr);
      const graded = classifyBuild({ ...result, stderr: timed.stderr }, { nonce, token, language: task.language });
      return timed.cpuMs === undefined ? graded : { ...graded, cpuMs: timed.cpuMs, runCpuMs: timed.runsMs };
    } catch (error) {
      if (error instanceof SandboxError) return { verdict: 'unscored', detail: error.message };
      throw error;
    }
  }

  async #prepare(task: Task, code: string, limits: SandboxLimits): Promise<Prepared> {
    const budget: RunBudget = { cpuSeconds: limits.cpuSeconds, memoryBytes: limits.memoryBytes };
    const solution = assembleSolution(task, code);
    switch (task.language) {
      case 'python':
      case 'javascript':
        throw new TypeError(`${task.language} runs without a build step`);
      case 'typescript': {
        const toolchain = await this.#toolchains.typescript();
        return toolchain.ok ? typeScriptProgram(assembleProgram(task, code), toolchain.value, budget) : { unscored: toolchain.reason };
      }
      case 'cpp': {
        const toolchain = await this.#toolchains.cpp();
        return toolchain.ok ? cppProgram(task, solution, toolchain.value, budget) : { unscored: toolchain.reason };
      }
      case 'java': {
        const toolchain = await this.#toolchains.java();
        return toolchain.ok ? javaProgram(task, solution, toolchain.value, budget) : { unscored: toolchain.reason };
      }
      case 'rust': {
        const toolchain = await this.#toolchains.rust();
        return toolchain.ok ? rustProgram(task, solution, toolchain.value, budget) : { unscored: toolchain.reason };
      }
      case 'go': {
        const toolchain = await this.#toolchains.go();
        return toolchain.ok ? goProgram(task, solution, toolchain.value, budget) : { unscored: toolchain.reason };
      }
    }
  }
}

/**
 * A task's own CPU limit. Its wall-clock stop never comes before the grader's default one: wall time
 * only stops hangs, and on a busy machine (grading runs niced) a small limit's stop would hit
 * programs that merely wait for a CPU.
 */
function taskLimits(base: SandboxLimits, timeoutSeconds: number): SandboxLimits {
  const own = limitsFor({ timeoutSeconds, memoryBytes: base.memoryBytes });
  return { ...own, wallMs: Math.max(own.wallMs, base.wallMs) };
}

/** `cpuSeconds` is RLIMIT_CPU, which counts whole seconds: a 1.2 s limit lets a program run 2 s. */
export function limitsFor(options: Pick<GraderOptions, 'timeoutSeconds' | 'memoryBytes'>): SandboxLimits {
  return {
    cpuSeconds: Math.max(1, Math.ceil(options.timeoutSeconds)),
    // Generous: wall time only exists to stop programs that sleep or block.
    wallMs: Math.round((2 * options.timeoutSeconds + 2) * 1000),
    memoryBytes: options.memoryBytes ?? 2 * 2 ** 30,
    pids: 64,
    fileSizeBytes: 64 * 2 ** 20,
    outputBytes: 2 ** 20,
  };
}

/**
 * Limits for a build-and-run script: the CPU limit is per process, so compilers get the build
 * budget and the script lowers it for the test program; wall time covers both stages. Compilers
 * and JVMs start many threads.
 */
function buildLimitsFor(run: SandboxLimits, buildSeconds: number): SandboxLimits {
  return {
    ...run,
    cpuSeconds: Math.max(run.cpuSeconds, Math.ceil(buildSeconds)),
    wallMs: run.wallMs + Math.round(buildSeconds * 1000),
    pids: Math.max(run.pids, 128),
  };
}
