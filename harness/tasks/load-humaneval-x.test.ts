import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import { HUMANEVAL_X_KNOWN_FAILURES, HUMANEVAL_X_TEST_NOTES, loadHumanEvalX } from './load-humaneval-x.ts';

const datasets = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/datasets/humaneval-x');
const fileOf = (key: string): string => path.join(datasets, `humaneval_${key}.jsonl.gz`);
const haveData = existsSync(fileOf('cpp'));
if (!haveData) console.warn(`load-humaneval-x.test: skipping the dataset checks, ${datasets} is absent`);

const dir = mkdtempSync(path.join(tmpdir(), 'codebench-humaneval-x-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, records: unknown[]): string {
  const target = path.join(dir, name);
  writeFileSync(target, records.map((r) => JSON.stringify(r)).join('\n'));
  return target;
}

function loadError(target: string): InputError {
  try {
    loadHumanEvalX(target);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

const cppRecord = (id: string, over: Record<string, unknown> = {}) => ({
  task_id: id,
  prompt: '/* Add. */\n#include<stdio.h>\nint add(int a, int b){\n',
  declaration: '#include<stdio.h>\nint add(int a, int b){\n',
  canonical_solution: '    return a + b;\n}\n',
  test: '#include<assert.h>\nint main(){\n    assert(add(1, 2) == 3);\n}\n',
  example_test: '',
  ...over,
});

describe.skipIf(!haveData)('loadHumanEvalX on the shipped files', () => {
  it.each([
    ['python', 'python', 'Python/0', 'has_close_elements'],
    ['js', 'javascript', 'JavaScript/0', 'hasCloseElements'],
    ['cpp', 'cpp', 'CPP/0', 'has_close_elements'],
    ['java', 'java', 'Java/0', 'hasCloseElements'],
    ['go', 'go', 'Go/0', 'HasCloseElements'],
    ['rust', 'rust', 'Rust/0', 'has_close_elements'],
  ])('loads all 164 %s tasks', (key, language, firstId, entryPoint) => {
    const tasks = loadHumanEvalX(fileOf(key));
    expect(tasks).toHaveLength(164);
    expect(tasks[0]).toMatchObject({ id: firstId, suite: `humaneval-x-${key}`, language, entryPoint, kind: 'function', testCall: '' });
    expect(tasks[0]!.origin).toEqual({ file: fileOf(key), line: 1 });
    expect(tasks[0]!.source).toEqual({ suite: `humaneval-x-${key}`, file: fileOf(key), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    for (const task of tasks) {
      expect(task.entryPoint).toMatch(/^\w+$/);
      expect(task.reference).toBeTruthy();
    }
  });

  it('records the file hash the dataset README quotes', () => {
    expect(loadHumanEvalX(fileOf('cpp'))[0]!.source?.sha256).toBe('dcf2e280a1e91bbc3c5f90edb41397e8a9ac1ccc9f5d2b70082f0b0fbfb6dbb0');
  });

  it('gives Rust prompts the declaration (use lines and signature), since the prompt is only the doc comment', () => {
    const task = loadHumanEvalX(fileOf('rust'))[0]!;
    expect(task.prompt).toMatch(/^\n?\/\*[\s\S]*\*\/\n/);
    expect(task.prompt).toContain('use regex::Regex;');
    expect(task.prompt.trimEnd().endsWith('fn has_close_elements(numbers:Vec<f32>, threshold: f32) -> bool{')).toBe(true);
  });

  it('keeps prompts that open the function and then give its doc comment (CPP/10, CPP/32)', () => {
    const tasks = new Map(loadHumanEvalX(fileOf('cpp')).map((t) => [t.id, t]));
    expect(tasks.get('CPP/10')!.entryPoint).toBe('make_palindrome');
    expect(tasks.get('CPP/10')!.prompt.match(/string make_palindrome\(/g)).toHaveLength(1);
    expect(tasks.get('CPP/32')!.prompt.trimEnd().endsWith('*/')).toBe(true);
  });

  it('adds the declaration\'s signature to a prompt that lacks it', () => {
    const target = write('humaneval_cpp.jsonl', [cppRecord('CPP/0', { prompt: '/* Add. */\n' })]);
    expect(loadHumanEvalX(target)[0]!.prompt).toBe('/* Add. */\nint add(int a, int b){\n');
  });

  it('puts the Go test setup (package clause and test imports) in front of the tests', () => {
    const task = loadHumanEvalX(fileOf('go'))[0]!;
    expect(task.tests.startsWith('package main')).toBe(true);
    expect(task.tests).toContain('"github.com/stretchr/testify/assert"');
    expect(task.tests).toContain('func TestHasCloseElements(t *testing.T)');
  });

  it('finds the entry point past a declaration body (Python/115 ends in "import math")', () => {
    expect(loadHumanEvalX(fileOf('python'))[115]!.entryPoint).toBe('max_fill');
  });

  it('names every known upstream failure by an id that exists', () => {
    const ids = new Set(loadHumanEvalX(fileOf('js')).map((t) => t.id));
    for (const id of Object.keys(HUMANEVAL_X_KNOWN_FAILURES)) expect(ids.has(id)).toBe(true);
  });

  it('names every upstream test note by an id that exists', () => {
    const ids = new Set(loadHumanEvalX(fileOf('rust')).map((t) => t.id));
    for (const id of Object.keys(HUMANEVAL_X_TEST_NOTES)) expect(ids.has(id)).toBe(true);
  });
});

describe('loadHumanEvalX errors', () => {
  it('loads a minimal record and takes the language from the file name or else the ids', () => {
    expect(loadHumanEvalX(write('humaneval_cpp.jsonl', [cppRecord('CPP/0')]))[0]).toMatchObject({ language: 'cpp', entryPoint: 'add' });
    expect(loadHumanEvalX(write('renamed.jsonl', [cppRecord('CPP/0')]))[0]).toMatchObject({ suite: 'humaneval-x-cpp' });
  });

  it('names the file and line of a missing or mistyped field', () => {
    const target = write('humaneval_cpp.jsonl', [cppRecord('CPP/0'), cppRecord('CPP/1', { test: 7 })]);
    expect(loadError(target).message).toBe(`${target}:2: field "test" must be a string, found number`);
    const missing = write('humaneval_cpp.jsonl', [cppRecord('CPP/0', { declaration: undefined })]);
    expect(loadError(missing).message).toBe(`${missing}:1: field "declaration" missing`);
  });

  it('rejects duplicates, ids of another language, unknown languages and declarations without a function', () => {
    const dup = write('humaneval_cpp.jsonl', [cppRecord('CPP/0'), cppRecord('CPP/0')]);
    expect(loadError(dup).message).toBe(`${dup}:2: duplicate task_id "CPP/0" (first on line 1)`);
    const other = write('humaneval_cpp.jsonl', [cppRecord('Java/0')]);
    expect(loadError(other).message).toMatch(/:1: task_id "Java\/0" is not a CPP task/);
    expect(loadError(write('tasks.jsonl', [cppRecord('Cobol/0')])).message).toMatch(/cannot tell the language/);
    const bad = write('humaneval_cpp.jsonl', [cppRecord('CPP/0', { declaration: '#include<stdio.h>\n' })]);
    expect(loadError(bad).message).toMatch(/:1: cannot find the function's name/);
    expect(loadError(write('humaneval_go.jsonl', [])).message).toMatch(/no tasks found/);
  });
});
