import type { Task } from '../core/task.ts';
import { definesFunction, promptImports } from '../extract/find-definition.ts';
import { topLevelDeclarations } from '../sandbox/transpile-typescript.ts';

/**
 * Builds the test program from a task and the extracted code, as human-eval does
 * (`prompt + completion + tests + check(entry)`), except that a completion that already holds the
 * whole function is used as it stands, after the prompt's preamble (its imports and helpers), as
 * EvalPlus's sanitizer keeps them. Chat models answer this way all the time.
 */
export function assembleProgram(task: Task, code: string): string {
  const call = task.testCall ?? `check(${task.entryPoint})${task.language === 'python' ? '' : ';'}`;
  return `${assembleSolution(task, code)}\n\n${task.tests}\n\n${call}\n`;
}

/** The candidate's code completed into a compilable unit: no tests, no test call. */
export function assembleSolution(task: Task, code: string): string {
  if (task.language === 'java') return javaSolution(task, code);
  if (!definesFunction(code, task.entryPoint, task.language)) return task.prompt + code;
  const preamble = promptPreamble(task);
  if (task.language === 'rust') return joinParts(rustPrelude(preamble), code);
  if (task.language === 'typescript' || task.language === 'javascript') return joinParts(withoutRedeclared(preamble, code), code);
  return joinParts(preamble, code);
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

/**
 * Answers often restate the prompt's types and helpers along with the function; TypeScript and
 * `const` reject a second declaration, so the prompt's copy gives way to the answer's.
 */
function withoutRedeclared(preamble: string, code: string): string {
  const declared = new Set(topLevelDeclarations(code).flatMap((d) => d.names));
  let out = preamble;
  for (const d of topLevelDeclarations(preamble).reverse()) {
    if (d.names.length > 0 && d.names.every((name) => declared.has(name))) out = out.slice(0, d.start) + out.slice(d.end);
  }
  return out;
}

/**
 * Java methods live in a class. An answer that restates the prompt's class replaces it (after the
 * prompt's imports); a lone method goes into the prompt's class. Either way, braces the answer
 * left open are closed, since models often stop after the method's own `}`.
 */
function javaSolution(task: Task, code: string): string {
  const className = /^[ \t]*(?:public[ \t]+|final[ \t]+|abstract[ \t]+)*class[ \t]+(\w+)/m.exec(task.prompt)?.[1];
  let solution: string;
  if (className && new RegExp(`^[ \\t]*(?:(?:public|final|abstract)[ \\t]+)*class[ \\t]+${className}\\b`, 'm').test(code)) {
    solution = joinParts(promptImports(task.prompt, 'java'), code);
  } else if (definesFunction(code, task.entryPoint, 'java')) {
    solution = joinParts(promptPreamble(task), code);
  } else {
    solution = task.prompt + code;
  }
  const open = braceBalance(solution);
  return open > 0 ? `${solution}\n${'}\n'.repeat(open)}` : solution;
}

/**
 * A whole Rust function often brings its own `use std::collections::HashMap;`, which collides
 * with the same name in the prompt's `use` lines (E0252). Re-exported through a module and
 * glob-imported, the prompt's names give way to the answer's own imports instead.
 */
function rustPrelude(preamble: string): string {
  const uses: string[] = [];
  const rest = preamble.replace(/^[ \t]*use[ \t]+([^;]+);[ \t]*$/gm, (_all, path: string) => {
    uses.push(`    #[allow(unused_imports)]\n    pub use ${path.trim().replace(/^::/, '')};`);
    return '';
  });
  if (uses.length === 0) return preamble;
  return `${rest.trim()}\n\n#[allow(unused_imports, deprecated)]\nmod codebench_prelude {\n${uses.join('\n')}\n}\n#[allow(unused_imports)]\nuse codebench_prelude::*;\n`;
}

/** `{` minus `}` outside strings, characters and comments (Java rules are enough for C-like code). */
export function braceBalance(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '"' || c === "'") {
      for (i++; i < text.length && text[i] !== c && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
    } else if (c === '{') depth++;
    else if (c === '}') depth--;
  }
  return depth;
}
