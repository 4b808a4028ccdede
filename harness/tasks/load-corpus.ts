import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../core/errors.ts';
import type { Task } from '../core/task.ts';
import { SELF_RUNNING_TESTS, TASK_FILE_FIELDS, TASK_ID_PATTERN, taskFileSchema, type TaskFile } from './task-file-schema.ts';

/** Task files are a few kilobytes; anything this big is a mistake, not a task. */
export const MAX_TASK_FILE_BYTES = 1024 * 1024;

/** A task together with the known-wrong solutions its tests must reject. */
export interface CorpusEntry {
  task: Task;
  wrong: string[];
}

/**
 * Every `*.yaml`/`*.yml` under `dir`, recursively, as tasks sorted by file path. With `onInvalid`
 * (`--allow-invalid`), an invalid file is reported there and skipped instead of thrown.
 */
export function loadCorpus(dir: string, suite = 'codebench', onInvalid?: (error: InputError) => void): Task[] {
  return loadCorpusWithWrong(dir, suite, onInvalid).map((entry) => entry.task);
}

/** Like `loadCorpus`, keeping each file's `wrong` solutions for checking the tests themselves. */
export function loadCorpusWithWrong(dir: string, suite = 'codebench', onInvalid?: (error: InputError) => void): CorpusEntry[] {
  const files = findTaskFiles(dir);
  if (files.length === 0) throw new InputError(`${dir}: no task files (*.yaml, *.yml) found`);
  const entries: CorpusEntry[] = [];
  const firstFileOfId = new Map<string, string>();
  const source = { suite, file: dir, sha256: folderHash(dir, files) };
  for (const file of files) {
    let parsed: ReturnType<typeof parseTaskFile>;
    try {
      parsed = parseTaskFile(file);
      const previous = firstFileOfId.get(parsed.data.id);
      if (previous !== undefined) {
        throw fieldError(file, parsed.lineOf(['id']), 'id', `duplicate id "${parsed.data.id}", already used by ${previous}`);
      }
    } catch (error) {
      if (!(error instanceof InputError) || onInvalid === undefined) throw error;
      onInvalid(error);
      continue;
    }
    const { data } = parsed;
    firstFileOfId.set(data.id, file);
    entries.push({ task: { ...toTask(data, file, suite), source }, wrong: data.wrong ?? [] });
  }
  return entries;
}

/** Parse and validate one task file; every problem becomes a one-line `InputError`. */
export function parseTaskFile(file: string): { data: TaskFile; lineOf: (path: PropertyKey[]) => number | undefined } {
  const text = readText(file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    const line = syntax.pos[0] !== undefined ? lineAt(syntax.pos[0]) : undefined;
    throw new InputError(`${where(file, line)}: invalid YAML: ${oneLine(syntax.message)}`);
  }
  if (doc.contents === null) throw new InputError(`${file}: file is empty; expected a mapping of task fields`);
  if (!isMap(doc.contents)) {
    const line = doc.contents.range ? lineAt(doc.contents.range[0]) : undefined;
    throw new InputError(`${where(file, line)}: expected a mapping of task fields, got ${describeNode(doc.contents)}`);
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    throw new InputError(`${file}: invalid YAML: ${oneLine(error instanceof Error ? error.message : String(error))}`, {
      cause: error,
    });
  }
  const lineOf = (path: PropertyKey[]): number | undefined => lineOfPath(doc, path, lineAt);
  const result = taskFileSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => describeIssue(issue, raw, lineOf));
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const first = problems[0]!;
    throw fieldError(file, first.line, first.field, first.message);
  }
  const slug = TASK_ID_PATTERN.exec(result.data.id)?.[2];
  const fileSlug = basename(file).replace(/\.ya?ml$/, '');
  if (slug !== fileSlug) {
    throw fieldError(file, lineOf(['id']), 'id', `slug "${slug}" must equal the file name "${fileSlug}"`);
  }
  return { data: result.data, lineOf };
}

function toTask(data: TaskFile, file: string, suite: string): Task {
  return {
    id: data.id,
    suite,
    kind: data.kind,
    language: data.language,
    prompt: data.prompt,
    // A program task has neither: the whole program reads stdin and its hidden checks are cases.
    entryPoint: data.entry_point ?? '',
    reference: data.reference,
    tests: data.tests ?? '',
    ...(data.kind === 'program' ? { cases: data.cases } : SELF_RUNNING_TESTS.has(data.language) ? { testCall: '' } : {}),
    difficulty: data.difficulty,
    tags: data.tags,
    created: data.created,
    origin: { file, line: 1 },
  };
}

/** One hash for a folder of task files: each file's relative path and content hash, in order. */
function folderHash(dir: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${relative(dir, file)}\0${createHash('sha256').update(readFileSync(file)).digest('hex')}\n`);
  return hash.digest('hex');
}

function findTaskFiles(dir: string): string[] {
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    throw new InputError(`${dir}: no such directory`);
  }
  if (!stat.isDirectory()) throw new InputError(`${dir}: not a directory`);
  const files: string[] = [];
  const walk = (current: string): void => {
    // Hidden entries are editor swap files, VCS metadata and the like, never tasks.
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) files.push(path);
    }
  };
  walk(dir);
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function readText(file: string): string {
  const size = statSync(file).size;
  if (size > MAX_TASK_FILE_BYTES) {
    throw new InputError(`${file}: file is ${size} bytes, more than the ${MAX_TASK_FILE_BYTES} allowed for a task file`);
  }
  const bytes = readFileSync(file);
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const line = bytes.subarray(0, nul).toString('latin1').split('\n').length;
    throw new InputError(`${file}:${line}: binary data (NUL byte); a task file must be UTF-8 text`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new InputError(`${file}: not valid UTF-8 text`, { cause: error });
  }
}

interface Problem {
  field: string;
  line: number | undefined;
  message: string;
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown, lineOf: (path: PropertyKey[]) => number | undefined): Problem {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return {
      field: formatPath([...issue.path, key]),
      line: lineOf([...issue.path, key]),
      // Only a program task's cases nest a mapping: each is `input` and `output`.
      message: issue.path.length === 0 ? `unknown field; allowed fields are ${TASK_FILE_FIELDS.join(', ')}` : 'unknown field; a case has only input and output',
    };
  }
  const field = formatPath(issue.path);
  const value = valueAt(raw, issue.path);
  let message = issue.message;
  if (issue.code === 'invalid_type') {
    message = value === undefined ? 'missing required field' : `expected ${issue.expected}, got ${describeValue(value)}`;
  } else if (issue.code === 'invalid_value') {
    message = `expected one of ${issue.values.map(String).join(', ')}, got ${describeValue(value)}`;
  } else if (typeof value === 'string' && !value.includes('\n') && (issue.code === 'invalid_format' || field === 'created')) {
    message = `${message}, got ${describeValue(value)}`;
  }
  // A missing field has no line of its own; point at its parent instead.
  const line = lineOf(issue.path) ?? lineOf(issue.path.slice(0, -1));
  return { field, line, message };
}

function lineOfPath(doc: Document, path: PropertyKey[], lineAt: (offset: number) => number): number | undefined {
  const keys = path.filter((key): key is string | number => typeof key !== 'symbol');
  const startLine = (node: unknown): number | undefined => {
    const range = (node as { range?: unknown } | null)?.range;
    return Array.isArray(range) && typeof range[0] === 'number' ? lineAt(range[0]) : undefined;
  };
  if (keys.length === 0) return startLine(doc.contents);
  const parent = keys.length === 1 ? doc.contents : doc.getIn(keys.slice(0, -1), true);
  const last = keys[keys.length - 1];
  // Point at the key rather than the value: a value may be null and have no position.
  if (isMap(parent)) return startLine(parent.items.find((item) => isScalar(item.key) && item.key.value === last)?.key);
  if (isSeq(parent) && typeof last === 'number') return startLine(parent.items[last]);
  return undefined;
}

function valueAt(raw: unknown, path: PropertyKey[]): unknown {
  let current = raw;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function formatPath(path: PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out === '' ? '(file)' : out;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  return `${typeof value} ${String(value)}`;
}

function describeNode(node: unknown): string {
  if (isScalar(node)) return describeValue(node.value);
  return Array.isArray((node as { items?: unknown }).items) ? 'a list' : 'something else';
}

function fieldError(file: string, line: number | undefined, field: string, message: string): InputError {
  return new InputError(`${where(file, line)}: field "${field}": ${message}`);
}

function where(file: string, line: number | undefined): string {
  return line === undefined ? file : `${file}:${line}`;
}

function oneLine(message: string): string {
  return message.replace(/\s+at line \d+, column \d+:?[\s\S]*$/, '').replace(/\s+/g, ' ').trim();
}
