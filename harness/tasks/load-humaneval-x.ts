import { basename } from 'node:path';
import { InputError } from '../core/errors.ts';
import type { Language, Task } from '../core/task.ts';
import { parseJsonl, readSourceText } from './read-jsonl.ts';

/** HumanEval-X file names (`humaneval_<key>.jsonl.gz`) and task id prefixes, per language. */
const LANGUAGES: Record<string, { language: Language; prefix: string }> = {
  python: { language: 'python', prefix: 'Python' },
  js: { language: 'javascript', prefix: 'JavaScript' },
  cpp: { language: 'cpp', prefix: 'CPP' },
  java: { language: 'java', prefix: 'Java' },
  go: { language: 'go', prefix: 'Go' },
  rust: { language: 'rust', prefix: 'Rust' },
};

/** How each language's signature line names the function. */
const ENTRY_POINT: Record<Language, RegExp> = {
  python: /^\s*def\s+(\w+)\s*\(/,
  javascript: /^\s*(?:const|let|var)\s+(\w+)\s*=|^\s*(?:async\s+)?function\s*\*?\s*(\w+)\s*\(/,
  typescript: /^\s*(?:export\s+)?(?:async\s+)?function\s*(\w+)/,
  cpp: /(\w+)\s*\([^()]*(?:\([^()]*\)[^()]*)*\)\s*\{?\s*$/,
  java: /(\w+)\s*\([^()]*\)\s*(?:throws\s+[\w.,\s]+)?\{?\s*$/,
  go: /^\s*func\s+(\w+)\s*[([]/,
  rust: /^\s*(?:pub\s+)?fn\s+(\w+)/,
};

/**
 * Loads one HumanEval-X file (THUDM/CodeGeeX; keys task_id, prompt, declaration,
 * canonical_solution, test, example_test; Go also import and test_setup). The language comes from
 * the file name (`humaneval_cpp.jsonl.gz`) or else the task ids (`CPP/0`).
 *
 * The tests run themselves (a `main`, a `TestX` function, a trailing `check(…)` call), so
 * `testCall` is empty. Where the prompt lacks the function's signature (all of Rust, whose prompt
 * is only the doc comment; CPP/10 and CPP/32), the declaration supplies it, so that
 * `prompt + canonical_solution` is the whole solution in every language.
 */
export function loadHumanEvalX(path: string): Task[] {
  const { text: content, sha256 } = readSourceText(path);
  const records = parseJsonl(path, content);
  const key = languageKey(path, records[0]?.value);
  const suite = `humaneval-x-${key}`;
  const tasks: Task[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, value } of records) {
    const at = `${path}:${line}`;
    const record = value as Record<string, unknown>;
    const text = (field: string, optional = false): string => {
      const v = record[field];
      if (typeof v === 'string') return v;
      if (optional && (v === undefined || v === null)) return '';
      throw new InputError(`${at}: field "${field}" ${v === undefined ? 'missing' : `must be a string, found ${v === null ? 'null' : typeof v}`}`);
    };
    const id = text('task_id');
    const { language, prefix } = LANGUAGES[key]!;
    if (!id.startsWith(`${prefix}/`)) throw new InputError(`${at}: task_id ${JSON.stringify(id)} is not a ${prefix} task (expected "${prefix}/<n>")`);
    const seen = firstLine.get(id);
    if (seen !== undefined) throw new InputError(`${at}: duplicate task_id ${JSON.stringify(id)} (first on line ${seen})`);
    firstLine.set(id, line);

    const declaration = text('declaration');
    // The last line that declares a function: helpers come before it, and a body may follow (Python/115).
    const lines = declaration.split('\n').map((l) => l.trimEnd());
    const signature = [...lines].reverse().find((l) => ENTRY_POINT[language].test(l)) ?? '';
    const entryPoint = ENTRY_POINT[language].exec(signature)?.slice(1).find((g) => g !== undefined);
    if (!entryPoint) throw new InputError(`${at}: cannot find the function's name in the declaration ${JSON.stringify(declaration.slice(-200))}`);
    tasks.push({
      id,
      suite,
      kind: 'function',
      language,
      prompt: taskPrompt(language, text('prompt'), declaration, signature),
      entryPoint,
      reference: text('canonical_solution'),
      tests: testsFor(language, text('test'), language === 'go' ? text('test_setup') : ''),
      testCall: '',
      tags: [],
      origin: { file: path, line },
      source: { suite, file: path, sha256 },
    });
  }
  if (tasks.length === 0) throw new InputError(`${path}: no tasks found`);
  return tasks;
}

function languageKey(path: string, first: unknown): string {
  const fromName = /humaneval_(\w+)\.jsonl/i.exec(basename(path))?.[1]?.toLowerCase();
  if (fromName && fromName in LANGUAGES) return fromName;
  const id = (first as Record<string, unknown> | undefined)?.task_id;
  const prefix = typeof id === 'string' ? id.split('/')[0] : undefined;
  const byPrefix = Object.entries(LANGUAGES).find(([, l]) => l.prefix === prefix)?.[0];
  if (byPrefix) return byPrefix;
  throw new InputError(`${path}: cannot tell the language: name the file humaneval_<${Object.keys(LANGUAGES).join('|')}>.jsonl(.gz)`);
}

function testsFor(language: Language, test: string, setup: string): string {
  if (language === 'go') return `${setup}\n${test}`;
  // Written for rand 0.7, whose gen_range(low, high) became gen_range(low..high) in 0.8, the only
  // rand Debian packages (Rust/50). Same half-open range, so the test means the same.
  if (language === 'rust') return test.replace(/\.gen_range\(\s*([^(),]+?)\s*,\s*([^(),]+?)\s*\)/g, '.gen_range($1..$2)');
  return test;
}

function taskPrompt(language: Language, prompt: string, declaration: string, signature: string): string {
  if (language === 'rust') return `${prompt.trimEnd()}\n${declaration.replace(/^\n+/, '')}`;
  const squash = (s: string): string => s.replace(/\s+/g, '');
  if (squash(prompt).includes(squash(signature))) return prompt;
  return `${prompt.trimEnd()}\n${signature}\n`;
}

/**
 * HumanEval-X reference solutions that cannot pass as published, by task id, with the reason.
 * Graders should show these, not hide them (../shared/datasets/README.md, section 4b).
 */
export const HUMANEVAL_X_KNOWN_FAILURES: Readonly<Record<string, string>> = {
  'JavaScript/112': 'buggy canonical solution upstream: `return (z, false)` is the comma operator, so it returns a bare boolean',
  'JavaScript/155': 'buggy canonical solution upstream: returns [0, 0] for input 0, the test expects [1, 0]',
  'JavaScript/162': "needs the npm package js-md5 (`require('js-md5')`), which the sandbox does not provide",
};

/** Upstream test problems that do not fail the reference but that a reader of the scores should know. */
export const HUMANEVAL_X_TEST_NOTES: Readonly<Record<string, string>> = {
  'Rust/32': 'the whole test is commented out upstream (it used rand 0.7), so nothing is checked: any answer that compiles passes',
  'Rust/50': "the test calls rand 0.7's gen_range(low, high); the loader rewrites it to gen_range(low..high) for rand 0.8",
};
