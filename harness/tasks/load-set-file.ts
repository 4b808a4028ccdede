import { InputError } from '../core/errors.ts';
import type { Task } from '../core/task.ts';
import { loadEvalPlus, type EvalPlusVariant } from './load-evalplus.ts';
import { loadHumanEval } from './load-humaneval.ts';
import { loadHumanEvalX } from './load-humaneval-x.ts';
import { loadLiveCodeBench } from './load-livecodebench.ts';
import { loadMbpp } from './load-mbpp.ts';
import { loadMultiplE } from './load-multipl-e.ts';
import type { SetFormat } from './public-sets.ts';
import { jsonlLines, readSourceText } from './read-jsonl.ts';
import type { LoadOptions } from './record-fields.ts';
import { JsonSyntaxError, scanObjectMembers } from './scan-json.ts';

export interface SetFileOptions extends LoadOptions {
  /** Skip detection; built-in sets know their format. */
  format?: SetFormat;
  variant?: EvalPlusVariant;
}

/** The keys that tell each format apart, checked in order on the first record. */
const SIGNATURES: [SetFormat, string[]][] = [
  ['evalplus', ['plus_input', 'base_input']],
  ['livecodebench', ['question_content', 'private_test_cases']],
  ['mbpp', ['test_list', 'code']],
  ['multipl-e', ['stop_tokens', 'tests']],
  ['humaneval-x', ['declaration', 'example_test']],
  ['humaneval', ['canonical_solution', 'test', 'entry_point']],
];

/** Loads a public set's file in whichever supported format it is. */
export function loadSetFile(path: string, options: SetFileOptions = {}): Task[] {
  const format = options.format ?? detectFormat(path);
  if (options.variant !== undefined && format !== 'evalplus') {
    throw new InputError(`${path}: :${options.variant} applies only to EvalPlus files (HumanEvalPlus, MbppPlus)`);
  }
  switch (format) {
    case 'evalplus':
      return loadEvalPlus(path, options);
    case 'mbpp':
      return loadMbpp(path, options);
    case 'multipl-e':
      return loadMultiplE(path, options);
    case 'livecodebench':
      return loadLiveCodeBench(path, options);
    case 'humaneval':
      return loadHumanEval(path, options);
    case 'humaneval-x':
      return loadHumanEvalX(path);
  }
}

/** The format of a data file, from its first record's keys (or `[` for sanitized MBPP). */
export function detectFormat(path: string): SetFormat {
  const { text } = readSourceText(path);
  if (text.trimStart().replace(/^\uFEFF/, '').startsWith('[')) return 'mbpp';
  const first = jsonlLines(text)[0];
  if (first === undefined) throw new InputError(`${path}: no tasks found`);
  let keys: Set<string>;
  try {
    keys = new Set(scanObjectMembers(first.source).keys());
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw new InputError(`${path}:${first.line}: invalid JSON (${error.message})`, { cause: error });
  }
  const format = SIGNATURES.find(([, needed]) => needed.every((key) => keys.has(key)))?.[0];
  if (format === undefined) {
    throw new InputError(
      `${path}:${first.line}: unknown task format (keys ${[...keys].slice(0, 8).join(', ')}); expected HumanEval, HumanEval-X, EvalPlus, MBPP, MultiPL-E or LiveCodeBench records`,
    );
  }
  return format;
}
