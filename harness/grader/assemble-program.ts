import type { Task } from '../core/task.ts';
import { definesFunction, promptImports } from '../extract/find-definition.ts';

/**
 * Builds the test program from a task and the extracted code, as human-eval does
 * (`prompt + completion + tests + check(entry)`), except that a completion that already holds the
 * whole function is used as it stands, after the prompt's preamble (its imports and helpers), as
 * EvalPlus's sanitizer keeps them. Chat models answer this way all the time.
 */
export function assembleProgram(task: Task, code: string): string {
  const solution = definesFunction(code, task.entryPoint, task.language)
    ? joinParts(promptPreamble(task), code)
    : task.prompt + code;
  const call = task.testCall ?? `check(${task.entryPoint})${task.language === 'python' ? '' : ';'}`;
  return `${solution}\n\n${task.tests}\n\n${call}\n`;
}

/** The prompt up to the entry point's definition; falls back to its import lines. */
export function promptPreamble(task: Task): string {
  const lines = task.prompt.split('\n');
  const at = lines.findIndex((line) => definesFunction(line, task.entryPoint, task.language));
  if (at < 0) return promptImports(task.prompt, task.language);
  let start = at;
  // A JSDoc block or decorators right above the definition belong to it, not to the preamble.
  while (start > 0 && /^\s*(\*|\/\*\*|@)/.test(lines[start - 1]!)) start--;
  return lines.slice(0, start).join('\n');
}

function joinParts(preamble: string, code: string): string {
  return preamble.trim() === '' ? code : `${preamble}\n\n${code}`;
}
