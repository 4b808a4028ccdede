import { InputError } from '../core/errors.ts';
import type { Task } from '../core/task.ts';
import { parseJsonl, readSourceText } from './read-jsonl.ts';
import type { LoadOptions } from './record-fields.ts';

const FIELDS = ['task_id', 'prompt', 'canonical_solution', 'test', 'entry_point'] as const;
type HumanEvalRecord = Record<(typeof FIELDS)[number], string>;

/**
 * Loads a HumanEval-format file (`.jsonl` or `.jsonl.gz`): one object per line with the string
 * fields task_id, prompt, canonical_solution, test and entry_point. Extra fields (EvalPlus adds
 * some) are ignored. The grader runs `check(<entry_point>)`, so `testCall` stays undefined.
 * A file with no tasks is an error: it is almost always the wrong file.
 */
export function loadHumanEval(path: string, options: LoadOptions = {}): Task[] {
  const { text, sha256 } = readSourceText(path);
  const suite = options.suite ?? 'humaneval';
  const source = { suite, file: path, sha256 };
  const tasks: Task[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, value } of parseJsonl(path, text)) {
    let record: HumanEvalRecord;
    try {
      record = validate(path, line, value as Record<string, unknown>);
      const seen = firstLine.get(record.task_id);
      if (seen !== undefined) {
        throw new InputError(`${path}:${line}: duplicate task_id ${JSON.stringify(record.task_id)} (first on line ${seen})`);
      }
    } catch (error) {
      if (!(error instanceof InputError) || options.onInvalid === undefined) throw error;
      options.onInvalid(error);
      continue;
    }
    firstLine.set(record.task_id, line);
    tasks.push({
      id: record.task_id,
      suite,
      kind: 'function',
      language: 'python',
      prompt: record.prompt,
      entryPoint: record.entry_point,
      reference: record.canonical_solution,
      tests: record.test,
      testCall: undefined,
      tags: [],
      origin: { file: path, line },
      source,
    });
  }
  if (tasks.length === 0) throw new InputError(`${path}: no tasks found`);
  return tasks;
}

function validate(path: string, line: number, value: Record<string, unknown>): HumanEvalRecord {
  const record: Partial<HumanEvalRecord> = {};
  for (const field of FIELDS) {
    const text = value[field];
    if (text === undefined) throw new InputError(`${path}:${line}: field "${field}" missing`);
    if (typeof text !== 'string') {
      throw new InputError(`${path}:${line}: field "${field}" must be a string, found ${text === null ? 'null' : typeof text}`);
    }
    record[field] = text;
  }
  const { task_id: id, entry_point: entryPoint } = record as HumanEvalRecord;
  if (id.trim() === '') throw new InputError(`${path}:${line}: field "task_id" is empty`);
  if (record.test!.trim() === '') throw new InputError(`${path}:${line}: field "test" is empty: the task would have no tests`);
  // The grader pastes it into `check(<entry_point>)`, so anything but a name would be code.
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(entryPoint)) {
    throw new InputError(`${path}:${line}: field "entry_point" must be a Python identifier, found ${JSON.stringify(entryPoint)}`);
  }
  return record as HumanEvalRecord;
}
