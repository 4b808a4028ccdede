import { InputError } from '../core/errors.ts';
import type { Task } from '../core/task.ts';
import { jsonlLines, readSourceText, shortReason, describe } from './read-jsonl.ts';
import { scanArraySpans } from './scan-json.ts';
import { convertRecords, fieldError, stringField, stringListField, typeName, type LoadOptions, type RecordAt } from './record-fields.ts';

/**
 * Loads MBPP (Austin et al. 2021) from google-research's files: the full `mbpp.jsonl` (974
 * tasks, fields text, code, task_id, test_setup_code, test_list) or the hand-checked
 * `sanitized-mbpp.json` (427 tasks, a JSON array with prompt, code, test_imports, test_list).
 * The format is told apart by the first non-blank character: `[` is the sanitized array.
 *
 * The prompt is the task text with the first test as an example, as the MBPP paper's prompt
 * shows tests, written as a module docstring the way MBPP+ writes its prompts. The tests are the
 * asserts, which call the function by name: `testCall` is empty so nothing is appended.
 */
export function loadMbpp(path: string, options: LoadOptions = {}): Task[] {
  const { text, sha256 } = readSourceText(path);
  const sanitized = text.trimStart().replace(/^\uFEFF/, '').startsWith('[');
  const records = sanitized ? arrayRecords(path, text) : lineRecords(path, text);
  const suite = options.suite ?? (sanitized ? 'mbpp-sanitized' : 'mbpp');
  const source = { suite, file: path, sha256 };
  const tasks = convertRecords(records, (record) => ({ ...toTask(record, sanitized), suite, source }), options);
  if (tasks.length === 0) throw new InputError(`${path}: no tasks found`);
  return tasks;
}

function toTask(record: RecordAt, sanitized: boolean): Omit<Task, 'suite'> {
  const number = record.value.task_id;
  if (number === undefined) throw fieldError(record, 'task_id', 'missing');
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) {
    throw fieldError(record, 'task_id', `must be a whole number, found ${typeName(number)} ${JSON.stringify(number)}`);
  }
  const text = stringField(record, sanitized ? 'prompt' : 'text', { blank: false });
  const code = stringField(record, 'code', { blank: false });
  const asserts = stringListField(record, 'test_list', { nonEmpty: true });
  asserts.forEach((line, index) => {
    if (line.trim() === '') throw fieldError(record, `test_list[${index}]`, 'is empty');
  });
  const setup = sanitized ? stringListField(record, 'test_imports').join('\n') : stringField(record, 'test_setup_code');
  const entryPoint = entryPointOf(record, code, asserts[0]!);
  // Setup code goes after the solution: tasks 367 and 927 build objects of a class it defines.
  const tests = [setup, ...asserts].filter((part) => part.trim() !== '').join('\n');
  return {
    id: `${sanitized ? 'MBPP-sanitized' : 'MBPP'}/${number}`,
    kind: 'function',
    language: 'python',
    prompt: `"""\n${text.trim()}\n${asserts[0]!.trim()}\n"""\n`,
    entryPoint,
    reference: code,
    tests,
    testCall: '',
    tags: [],
    origin: { file: record.path, line: record.line },
  };
}

const NOT_THE_ENTRY = new Set(['set', 'sorted', 'list', 'tuple', 'dict', 'str', 'int', 'float', 'abs', 'round', 'len', 'isclose', 'math']);

/**
 * The function the first assert calls: the first name called there that the code defines, or
 * else the first called name that is not a builtin or `math.isclose`.
 */
function entryPointOf(record: RecordAt, code: string, firstAssert: string): string {
  const called = [...firstAssert.matchAll(/(?<![\w.])([A-Za-z_]\w*)\s*\(/g)].map((m) => m[1]!);
  const defined = new Set([...code.matchAll(/^[ \t]*def[ \t]+([A-Za-z_]\w*)[ \t]*\(/gm)].map((m) => m[1]!));
  const name = called.find((n) => defined.has(n)) ?? called.find((n) => !NOT_THE_ENTRY.has(n));
  if (name === undefined) throw fieldError(record, 'test_list[0]', `calls no function to test: ${JSON.stringify(firstAssert.slice(0, 80))}`);
  return name;
}

function lineRecords(path: string, text: string): RecordAt[] {
  return jsonlLines(text).map(({ line, source }) => {
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      throw new InputError(`${path}:${line}: invalid JSON (${shortReason(error)})`, { cause: error });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new InputError(`${path}:${line}: expected a JSON object, found ${describe(value)}`);
    }
    return { path, line, value: value as Record<string, unknown> };
  });
}

/** The sanitized set is one JSON array over many lines; each element's line is where it starts. */
function arrayRecords(path: string, text: string): RecordAt[] {
  const body = text.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new InputError(`${path}:${lineOfError(body, error)}: invalid JSON (${shortReason(error)})`, { cause: error });
  }
  if (!Array.isArray(value)) throw new InputError(`${path}:1: expected a JSON array of tasks, found ${describe(value)}`);
  const spans = scanArraySpans(body);
  let line = 1;
  let counted = 0;
  return value.map((item, index) => {
    // Spans come in order, so the newlines before each element are counted once.
    const start = spans[index]?.start ?? counted;
    for (; counted < start; counted++) if (body.charCodeAt(counted) === 10) line++;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new InputError(`${path}:${line}: element ${index} must be a JSON object, found ${describe(item)}`);
    }
    return { path, line, value: item as Record<string, unknown> };
  });
}

function lineOfError(text: string, error: unknown): number {
  const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
  return position === undefined ? 1 : text.slice(0, Number(position)).split('\n').length;
}
