import type { Language, Task } from '../core/task.ts';

/** How each language's program reads stdin when graded, said once so a model need not guess. */
const RUN_NOTES: Record<Language, string> = {
  python: 'It runs with Python 3.11 (standard library only).',
  javascript: 'It runs with Node 20 as a CommonJS script (standard library only); read the input with `require("node:fs").readFileSync(0, "utf8")`.',
  typescript:
    'It is type-checked with `--strict` and runs with Node 20 as a CommonJS script (Node built-ins only); read the input with `require("node:fs").readFileSync(0, "utf8")` or `import { readFileSync } from "node:fs"`.',
  cpp: 'It is compiled as C++17 with g++ (standard library only).',
  rust: 'It is compiled with rustc, edition 2021 (std only).',
  go: 'It is built with `go build` as `package main` (standard library only).',
  java: 'It is compiled with javac 17; put `main` in a public class (standard library only).',
};

/**
 * The user message for a `program` task: the statement as written (with the examples that are part
 * of it), and a request for one complete program. The task's `cases` are hidden and never shown.
 */
export function programPrompt(task: Task, language: { name: string; fence: string }): string {
  return [
    `Write a complete ${language.name} program that solves the problem below. It reads the input from standard input and writes the answer to standard output.`,
    RUN_NOTES[task.language],
    `Return the whole program in a single \`\`\`${language.fence} code block. Print nothing but the answer: no prompts, no debug output.`,
    '',
    task.prompt.trim(),
  ].join('\n');
}

/** The request after a failed program: the test output shows the failing case. */
export const PROGRAM_REPAIR_REQUEST = 'Fix the program. Return the whole corrected program in a single code block.';
