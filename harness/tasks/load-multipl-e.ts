import { InputError } from '../core/errors.ts';
import type { Language, Task } from '../core/task.ts';
import { parseJsonl, readSourceText } from './read-jsonl.ts';
import { convertRecords, fieldError, identifierField, stringField, type LoadOptions, type RecordAt } from './record-fields.ts';

/** MultiPL-E's language codes for the languages our grader runs. */
const LANGUAGES: Record<string, Language> = { js: 'javascript', ts: 'typescript' };

/**
 * Loads a MultiPL-E prompts file (`humaneval-js-reworded.jsonl` and the like): fields name,
 * language, prompt and tests. A program is `prompt + completion + tests`; the tests end by
 * calling `test()` themselves, so `testCall` is empty. MultiPL-E ships no reference solutions.
 * Ids are `MultiPL-E/<lang>/<name>`, e.g. `MultiPL-E/js/HumanEval_0_has_close_elements`.
 */
export function loadMultiplE(path: string, options: LoadOptions = {}): Task[] {
  const { text, sha256 } = readSourceText(path);
  const records = parseJsonl(path, text).map(({ line, value }) => ({ path, line, value: value as Record<string, unknown> }));
  let suite = options.suite;
  const tasks = convertRecords(
    records,
    (record) => {
      const task = toTask(record);
      suite ??= defaultSuite(record, task.language);
      return { ...task, suite, source: { suite, file: path, sha256 } };
    },
    options,
  );
  if (tasks.length === 0) throw new InputError(`${path}: no tasks found`);
  return tasks;
}

function toTask(record: RecordAt): Omit<Task, 'suite'> {
  const name = stringField(record, 'name', { blank: false });
  if (!/^[\w.-]+$/.test(name)) throw fieldError(record, 'name', `must be a plain name, found ${JSON.stringify(name.slice(0, 60))}`);
  const code = stringField(record, 'language');
  const language = LANGUAGES[code];
  if (language === undefined) {
    throw fieldError(record, 'language', `must be one of ${Object.keys(LANGUAGES).join(', ')}, found ${JSON.stringify(code)}`);
  }
  const prompt = stringField(record, 'prompt', { blank: false });
  const tests = stringField(record, 'tests', { blank: false });
  return {
    id: `MultiPL-E/${code}/${name}`,
    kind: 'function',
    language,
    prompt,
    entryPoint: entryPointOf(record, prompt, tests),
    tests,
    testCall: '',
    tags: [],
    origin: { file: record.path, line: record.line },
  };
}

/** `multipl-e-humaneval-js` and the like, from the first task's name and language. */
function defaultSuite(record: RecordAt, language: Language): string {
  const set = /^HumanEval_/.test(String(record.value.name)) ? 'humaneval' : 'mbpp';
  return `multipl-e-${set}-${language === 'typescript' ? 'ts' : 'js'}`;
}

/** The tests bind `let candidate = <name>;`; the prompt's last `function <name>(` must agree. */
function entryPointOf(record: RecordAt, prompt: string, tests: string): string {
  const bound = /\blet\s+candidate\s*=\s*([A-Za-z_$][\w$]*)\s*;/.exec(tests)?.[1];
  const declared = [...prompt.matchAll(/^function\s+([A-Za-z_$][\w$]*)\s*[(<]/gm)].at(-1)?.[1];
  if (declared === undefined) throw fieldError(record, 'prompt', 'declares no function (expected a line starting "function name(")');
  if (bound !== undefined && bound !== declared) {
    throw fieldError(record, 'tests', `test "${bound}", but the prompt declares "${declared}"`);
  }
  return identifierField(record, 'prompt', declared);
}

/** Whether a task came from MultiPL-E (which ships no references, so validation uses `emptyStub`). */
export function isMultiplE(task: Pick<Task, 'id'>): boolean {
  return task.id.startsWith('MultiPL-E/');
}

/**
 * A completion that compiles and returns nothing: the body MultiPL-E's prompts leave open, closed
 * at once. Every task's tests must reject it, which shows the tests run.
 */
export function emptyStub(task: Pick<Task, 'language'>): string {
  return task.language === 'typescript' ? '  return undefined as any;\n}\n' : '  return undefined;\n}\n';
}
