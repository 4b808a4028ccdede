import { randomBytes } from 'node:crypto';
import { SandboxError } from '../core/errors.ts';
import type { Task } from '../core/task.ts';
import type { GradeResult } from '../core/verdict.ts';
import type { Sandbox, SandboxLimits, SandboxRequest } from '../sandbox/sandbox.ts';
import { transpileTypeScript } from '../sandbox/transpile-typescript.ts';
import { assembleProgram } from './assemble-program.ts';
import { classifyResult } from './classify-result.ts';
import { NODE_DRIVER, PYTHON_DRIVER } from './drivers.ts';

export interface GraderOptions {
  /** Per-sample time limit in seconds: CPU time decides, the wall clock only stops hangs. */
  timeoutSeconds: number;
  memoryBytes?: number;
}

/** Grades one piece of code against one task's hidden tests, in the sandbox it was given. */
export class Grader {
  readonly #sandbox: Sandbox;
  readonly #limits: SandboxLimits;

  constructor(sandbox: Sandbox, options: GraderOptions) {
    if (!(options.timeoutSeconds > 0)) throw new TypeError(`Expected \`timeoutSeconds\` to be a number above 0, got ${options.timeoutSeconds}`);
    this.#sandbox = sandbox;
    this.#limits = limitsFor(options);
  }

  async grade(task: Task, code: string | undefined, options: { signal?: AbortSignal } = {}): Promise<GradeResult> {
    if (code === undefined || code.trim() === '') return { verdict: 'no-code', detail: 'no code found in the completion' };
    const nonce = `codebench-done-${randomBytes(16).toString('hex')}`;
    try {
      const built = buildRequest(task, code);
      if ('error' in built) return { verdict: 'error', detail: built.error };
      const result = await this.#sandbox.run({ ...built, stdin: `${nonce}\n`, limits: this.#limits, signal: options.signal });
      return classifyResult(result, nonce);
    } catch (error) {
      if (error instanceof SandboxError) return { verdict: 'unscored', detail: error.message };
      throw error;
    }
  }
}

export function limitsFor(options: GraderOptions): SandboxLimits {
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

function buildRequest(task: Task, code: string): Pick<SandboxRequest, 'files' | 'argv'> | { error: string } {
  const program = assembleProgram(task, code);
  switch (task.language) {
    case 'python':
      return { files: { 'main.py': program, 'driver.py': PYTHON_DRIVER }, argv: ['python3', '-I', '-u', 'driver.py'] };
    case 'javascript':
      return { files: { 'main.js': program, 'driver.js': NODE_DRIVER }, argv: ['node', 'driver.js'] };
    case 'typescript': {
      const { js, errors } = transpileTypeScript(program);
      if (errors.length > 0) return { error: `TypeScript syntax error: ${errors[0]}` };
      return { files: { 'main.js': js, 'main.ts': program, 'driver.js': NODE_DRIVER }, argv: ['node', 'driver.js'] };
    }
    default:
      throw new SandboxError(`grading ${task.language} is not supported yet`, { retryable: false });
  }
}
