import { transpileTypeScript } from '../sandbox/transpile-typescript.ts';
import { checkerArgs } from '../sandbox/toolchains-typescript.ts';
import type { TypeScriptToolchain } from '../sandbox/toolchains.ts';
import type { Prepared, RunBudget } from './compiled-programs.ts';
import { NODE_DRIVER } from './drivers.ts';

/**
 * Type errors count as failures, as in MultiPL-E: the program is checked with `--strict` inside
 * the sandbox (the "build"), then the JavaScript we transpiled here runs under the Node driver.
 */
export function typeScriptProgram(program: string, toolchain: TypeScriptToolchain, budget: RunBudget): Prepared {
  const { js, errors } = transpileTypeScript(program);
  if (errors.length > 0) return { error: `TypeScript syntax error: ${errors[0]}` };
  const heapMb = Math.max(64, Math.floor(budget.memoryBytes / 2 ** 20) - 64);
  return {
    files: { 'main.ts': program, 'main.js': js, 'driver.js': NODE_DRIVER },
    plan: {
      build: [{ argv: [toolchain.node, ...checkerArgs(toolchain.checker, 'main.ts')] }],
      run: { argv: [toolchain.node, `--max-old-space-size=${heapMb}`, 'driver.js'], cpuSeconds: budget.cpuSeconds },
    },
  };
}
