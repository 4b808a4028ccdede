import { InputError } from '../core/errors.ts';
import type { Task } from '../core/task.ts';
import { mbppInputConversion } from './evalplus-oracles.ts';
import { jsonlLines, readSourceText, shortReason } from './read-jsonl.ts';
import { convertRecords, fieldError, identifierField, stringField, typeName, type LoadOptions, type RecordAt } from './record-fields.ts';
import { JsonSyntaxError, scanArrayItems, scanObjectMembers } from './scan-json.ts';
import { EVALPLUS_TEST_CALL_NAME, toEvalPlusTests } from './to-evalplus-tests.ts';

/** `base`: the original tests' inputs only; `plus`: base and EvalPlus's extra inputs (the "+" score). */
export type EvalPlusVariant = 'base' | 'plus';

export interface EvalPlusOptions extends LoadOptions {
  variant?: EvalPlusVariant;
}

const DATASETS = {
  humaneval: { prefix: 'HumanEval/', id: 'HumanEvalPlus', suite: 'humaneval+' },
  mbpp: { prefix: 'Mbpp/', id: 'MbppPlus', suite: 'mbpp+' },
} as const;

interface EvalPlusRecord extends RecordAt {
  /** Raw JSON text of the two input lists, kept as written (see scan-json.ts). */
  rawInputs: Map<string, string>;
}

/**
 * Loads HumanEval+ or MBPP+ in EvalPlus's release format (`HumanEvalPlus.jsonl.gz`,
 * `MbppPlus.jsonl.gz`): one object per line with task_id, prompt, entry_point,
 * canonical_solution, base_input, plus_input and atol. The hidden tests compare each input's
 * output with the canonical solution's, computed in the sandbox (see to-evalplus-tests.ts).
 * Task ids are `HumanEvalPlus/N` and `MbppPlus/N`, with `-base` for the base variant, so both
 * variants and the original HumanEval can share a run.
 */
export function loadEvalPlus(path: string, options: EvalPlusOptions = {}): Task[] {
  const variant = options.variant ?? 'plus';
  const { text, sha256 } = readSourceText(path);
  const records = jsonlLines(text).map(({ line, source }) => scanRecord(path, line, source));
  let suite = options.suite;
  const tasks = convertRecords(
    records,
    (record) => {
      const task = toTask(record, variant);
      suite ??= `${DATASETS[task.dataset].suite}${variant === 'base' ? ':base' : ''}`;
      return { ...task.task, suite, source: { suite, file: path, sha256 } };
    },
    options,
  );
  if (tasks.length === 0) throw new InputError(`${path}: no tasks found`);
  return tasks;
}

function scanRecord(path: string, line: number, source: string): EvalPlusRecord {
  let members: Map<string, string>;
  try {
    members = scanObjectMembers(source);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const hint = source.trimStart().startsWith('{') ? shortReason(error) : 'expected a JSON object';
    throw new InputError(`${path}:${line}: invalid JSON (${hint})`, { cause: error });
  }
  const value: Record<string, unknown> = {};
  const rawInputs = new Map<string, string>();
  for (const [key, raw] of members) {
    if (key === 'base_input' || key === 'plus_input') rawInputs.set(key, raw);
    // Only the input lists may hold Python's NaN and Infinity; everything else is plain JSON.
    else if (key === 'task_id' || key === 'prompt' || key === 'entry_point' || key === 'canonical_solution' || key === 'atol') {
      value[key] = parseStrict(path, line, key, raw);
    }
  }
  return { path, line, value, rawInputs };
}

function parseStrict(path: string, line: number, field: string, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw fieldError({ path, line }, field, `is not valid JSON (${shortReason(error)})`);
  }
}

function toTask(record: EvalPlusRecord, variant: EvalPlusVariant): { task: Omit<Task, 'suite'>; dataset: keyof typeof DATASETS } {
  const taskId = stringField(record, 'task_id', { blank: false });
  const dataset = taskId.startsWith(DATASETS.humaneval.prefix) ? 'humaneval' : taskId.startsWith(DATASETS.mbpp.prefix) ? 'mbpp' : undefined;
  const number = /^(?:HumanEval|Mbpp)\/(\d+)$/.exec(taskId)?.[1];
  if (dataset === undefined || number === undefined) {
    throw fieldError(record, 'task_id', `must look like HumanEval/N or Mbpp/N, found ${JSON.stringify(taskId.slice(0, 60))}`);
  }
  const prompt = stringField(record, 'prompt');
  const entryPoint = identifierField(record, 'entry_point');
  const canonical = stringField(record, 'canonical_solution', { blank: false });
  const atol = record.value.atol;
  if (atol === undefined) throw fieldError(record, 'atol', 'missing');
  if (typeof atol !== 'number' || !(atol >= 0)) throw fieldError(record, 'atol', `must be a number from 0 up, found ${typeName(atol)} ${String(atol)}`);
  const base = inputList(record, 'base_input', false);
  const plus = variant === 'plus' ? inputList(record, 'plus_input', true) : undefined;
  const inputs = [{ name: 'base', json: base.json }];
  if (plus && plus.count > 0) inputs.push({ name: 'plus', json: plus.json });
  if (base.count === 0 && (plus?.count ?? 0) === 0) throw fieldError(record, 'base_input', 'is empty: the task would have no tests');
  const tests = toEvalPlusTests({
    dataset,
    entryPoint,
    referenceSource: prompt + canonical,
    inputs,
    atol,
    inputConversion: dataset === 'mbpp' ? mbppInputConversion(Number(number)) : undefined,
  });
  const id = `${DATASETS[dataset].id}${variant === 'base' ? '-base' : ''}/${number}`;
  return {
    dataset,
    task: {
      id,
      kind: 'function',
      language: 'python',
      prompt,
      entryPoint,
      reference: canonical,
      tests,
      testCall: `${EVALPLUS_TEST_CALL_NAME}(${entryPoint})`,
      atol,
      tags: [],
      origin: { file: record.path, line: record.line },
    },
  };
}

/**
 * The raw JSON of an input list and how many inputs it holds. Each input is the list of arguments
 * for one call. MBPP+ writes `{}` for Mbpp/793's empty plus inputs; `allowEmptyObject` accepts it.
 */
function inputList(record: EvalPlusRecord, field: string, allowEmptyObject: boolean): { json: string; count: number } {
  const raw = record.rawInputs.get(field);
  if (raw === undefined) throw fieldError(record, field, 'missing');
  if (allowEmptyObject && /^\{\s*\}$/.test(raw)) return { json: '[]', count: 0 };
  if (!raw.startsWith('[')) throw fieldError(record, field, `must be a list of argument lists, found ${describeRaw(raw)}`);
  const items = scanArrayItems(raw);
  items.forEach((item, index) => {
    if (!item.startsWith('[')) throw fieldError(record, `${field}[${index}]`, `must be a list of arguments, found ${describeRaw(item)}`);
  });
  return { json: raw, count: items.length };
}

function describeRaw(raw: string): string {
  if (raw.startsWith('{')) return 'an object';
  if (raw.startsWith('"')) return 'a string';
  if (raw === 'null') return 'null';
  if (raw === 'true' || raw === 'false') return 'a boolean';
  return 'a number';
}
