import { InputError } from '../core/errors.ts';
import type { Difficulty, ProgramCase, Task } from '../core/task.ts';
import { parseJsonl, readSourceText, shortReason } from './read-jsonl.ts';
import { convertRecords, fieldError, stringField, typeName, type LoadOptions, type RecordAt } from './record-fields.ts';
import { isIsoDate } from './task-file-schema.ts';

const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard'];

/**
 * Loads LiveCodeBench-style stdin/stdout problems: one object per line with question_id,
 * question_content, starter_code, public_test_cases and private_test_cases (each a JSON string
 * holding a list of {input, output, testtype}), contest_date and difficulty. Every problem becomes
 * a `program` task whose `cases` are the public then the private cases; `created` is the contest
 * date, so `--since` can keep only problems newer than a model's training data. Only `stdin`
 * cases are supported: LiveCodeBench's `functional` (LeetCode-style) cases need a different
 * harness, and are rejected rather than graded wrongly.
 */
export function loadLiveCodeBench(path: string, options: LoadOptions = {}): Task[] {
  const { text, sha256 } = readSourceText(path);
  const records = parseJsonl(path, text).map(({ line, value }) => ({ path, line, value: value as Record<string, unknown> }));
  const suite = options.suite ?? 'livecodebench';
  const source = { suite, file: path, sha256 };
  const tasks = convertRecords(records, (record) => ({ ...toTask(record), suite, source }), options);
  if (tasks.length === 0) throw new InputError(`${path}: no tasks found`);
  return tasks;
}

function toTask(record: RecordAt): Omit<Task, 'suite'> {
  const id = questionId(record);
  const statement = stringField(record, 'question_content', { blank: false });
  const starter = record.value.starter_code === undefined ? '' : stringField(record, 'starter_code');
  const cases = [...testCases(record, 'public_test_cases'), ...testCases(record, 'private_test_cases')];
  if (cases.length === 0) throw fieldError(record, 'private_test_cases', 'holds no test cases (nor does public_test_cases)');
  const difficulty = stringField(record, 'difficulty').toLowerCase();
  if (!DIFFICULTIES.includes(difficulty as Difficulty)) {
    throw fieldError(record, 'difficulty', `must be one of ${DIFFICULTIES.join(', ')}, found ${JSON.stringify(difficulty)}`);
  }
  return {
    id: `LiveCodeBench/${id}`,
    kind: 'program',
    language: 'python',
    prompt: starter.trim() === '' ? statement : `${statement.trimEnd()}\n\n${starter}`,
    entryPoint: '',
    tests: '',
    cases,
    difficulty: difficulty as Difficulty,
    tags: [],
    created: contestDate(record),
    origin: { file: record.path, line: record.line },
  };
}

function questionId(record: RecordAt): string {
  const value = record.value.question_id;
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  const id = stringField(record, 'question_id', { blank: false });
  if (!/^[\w.-]+$/.test(id)) throw fieldError(record, 'question_id', `must be a plain name, found ${JSON.stringify(id.slice(0, 60))}`);
  return id;
}

/** `YYYY-MM-DD` from an ISO date or date-time such as `2023-08-21T00:00:00`. */
function contestDate(record: RecordAt): string {
  const text = stringField(record, 'contest_date', { blank: false });
  const date = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text.trim())?.[1];
  if (date === undefined || !isIsoDate(date)) {
    throw fieldError(record, 'contest_date', `must be an ISO date such as 2024-05-01 or 2024-05-01T00:00:00, found ${JSON.stringify(text.slice(0, 40))}`);
  }
  return date;
}

/** The cases are a JSON string inside the JSON record, as LiveCodeBench publishes them. */
function testCases(record: RecordAt, field: string): ProgramCase[] {
  const text = stringField(record, field);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw fieldError(record, field, `is not a JSON list of test cases (${shortReason(error)})`);
  }
  if (!Array.isArray(value)) throw fieldError(record, field, `must hold a JSON list of test cases, found ${typeName(value)}`);
  return value.map((item, index) => {
    const at = `${field}[${index}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw fieldError(record, at, `must be an object, found ${typeName(item)}`);
    const { input, output, testtype } = item as Record<string, unknown>;
    if (typeof input !== 'string') throw fieldError(record, `${at}.input`, `must be a string, found ${typeName(input)}`);
    if (typeof output !== 'string') throw fieldError(record, `${at}.output`, `must be a string, found ${typeName(output)}`);
    if (testtype !== undefined && testtype !== 'stdin') {
      throw fieldError(record, `${at}.testtype`, `must be "stdin", found ${JSON.stringify(testtype)} (functional cases are not supported)`);
    }
    return { input, output };
  });
}
