import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import { loadHumanEval } from './load-humaneval.ts';

const datasets = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/datasets/humaneval');
const humanEval = path.join(datasets, 'HumanEval.jsonl.gz');
const example = path.join(datasets, 'example_problem.jsonl');
const haveHumanEval = existsSync(humanEval);
const haveExample = existsSync(example);
if (!haveHumanEval) console.warn(`load-humaneval.test: skipping the HumanEval checks, ${humanEval} is absent`);
if (!haveExample) console.warn(`load-humaneval.test: skipping the example problem check, ${example} is absent`);

const dir = mkdtempSync(path.join(tmpdir(), 'codebench-humaneval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function record(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    task_id: id,
    prompt: 'def return1():\n',
    canonical_solution: '    return 1',
    test: 'def check(candidate):\n    assert candidate() == 1',
    entry_point: 'return1',
    ...overrides,
  };
}

function file(name: string, lines: string[]): string {
  const target = path.join(dir, name);
  writeFileSync(target, lines.join('\n'));
  return target;
}

function loadError(target: string): string {
  try {
    loadHumanEval(target);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).message;
  }
  throw new Error(`expected loadHumanEval(${target}) to throw`);
}

describe('loadHumanEval on the real data', () => {
  it.skipIf(!haveHumanEval)('loads all 164 HumanEval tasks in order', () => {
    const tasks = loadHumanEval(humanEval);
    expect(tasks).toHaveLength(164);
    expect(tasks.map((task) => task.id)).toEqual(Array.from({ length: 164 }, (_, i) => `HumanEval/${i}`));
    const first = tasks[0];
    expect(first).toMatchObject({
      id: 'HumanEval/0',
      suite: 'humaneval',
      kind: 'function',
      language: 'python',
      entryPoint: 'has_close_elements',
      tags: [],
      testCall: undefined,
      origin: { file: humanEval, line: 1 },
    });
    expect(first?.prompt).toMatch(/^from typing import List\n\n\ndef has_close_elements\(/);
    expect(first?.tests).toContain('def check(candidate):');
    expect(first?.reference).toMatch(/^    for idx, elem in enumerate\(numbers\):/);
    expect(tasks[163]?.origin.line).toBe(164);
    for (const task of tasks) expect(task.prompt).toContain(`def ${task.entryPoint}(`);
  });

  it.skipIf(!haveExample)('loads the upstream example problem', () => {
    expect(loadHumanEval(example)).toEqual([
      {
        id: 'test/0',
        suite: 'humaneval',
        kind: 'function',
        language: 'python',
        prompt: 'def return1():\n',
        entryPoint: 'return1',
        reference: '    return 1',
        tests: 'def check(candidate):\n    assert candidate() == 1',
        testCall: undefined,
        tags: [],
        origin: { file: example, line: 1 },
        source: { suite: 'humaneval', file: example, sha256: '701442bbe5a65db1e4ac218d0d2bb29a6caf9615a769759bcf4ca38621ba1d7f' },
      },
    ]);
  });
});

describe('loadHumanEval on written files', () => {
  it('loads gzip, CRLF, BOM and blank lines, keeping physical line numbers and ignoring extra keys', () => {
    const target = path.join(dir, 'mixed.jsonl.gz');
    const text = `\uFEFF${JSON.stringify(record('a/0'))}\r\n\r\n${JSON.stringify(record('a/1', { contract: 'extra' }))}\r\n`;
    writeFileSync(target, gzipSync(text));
    const tasks = loadHumanEval(target);
    expect(tasks.map((task) => [task.id, task.origin.line])).toEqual([
      ['a/0', 1],
      ['a/1', 3],
    ]);
    expect(tasks[1]).not.toHaveProperty('contract');
  });

  it('names a missing field and its line', () => {
    const { entry_point: _, ...withoutEntry } = record('b/1');
    const target = file('missing.jsonl', [JSON.stringify(record('b/0')), JSON.stringify(withoutEntry)]);
    expect(loadError(target)).toBe(`${target}:2: field "entry_point" missing`);
  });

  it('rejects a field that is not a string', () => {
    const target = file('number.jsonl', [JSON.stringify(record('c/0', { test: 42 }))]);
    expect(loadError(target)).toBe(`${target}:1: field "test" must be a string, found number`);
    const nullPrompt = file('null.jsonl', [JSON.stringify(record('c/0', { prompt: null }))]);
    expect(loadError(nullPrompt)).toBe(`${nullPrompt}:1: field "prompt" must be a string, found null`);
  });

  it('rejects an entry point that is not an identifier, and an empty task_id', () => {
    const target = file('entry.jsonl', [JSON.stringify(record('d/0', { entry_point: 'f); import os; (' }))]);
    expect(loadError(target)).toMatch(new RegExp(`^.*:1: field "entry_point" must be a Python identifier`));
    const empty = file('empty-id.jsonl', [JSON.stringify(record(' '))]);
    expect(loadError(empty)).toBe(`${empty}:1: field "task_id" is empty`);
  });

  it('names both lines of a duplicate task_id', () => {
    const target = file('dup.jsonl', [JSON.stringify(record('e/0')), '', JSON.stringify(record('e/1')), JSON.stringify(record('e/0'))]);
    expect(loadError(target)).toBe(`${target}:4: duplicate task_id "e/0" (first on line 1)`);
  });

  it('passes on reader errors and rejects a file with no tasks', () => {
    const bad = file('bad.jsonl', [JSON.stringify(record('f/0')), '[]']);
    expect(loadError(bad)).toBe(`${bad}:2: expected a JSON object, found an array`);
    const blank = file('blank.jsonl', ['', '  ']);
    expect(loadError(blank)).toBe(`${blank}: no tasks found`);
    expect(loadError(path.join(dir, 'absent.jsonl'))).toBe(`${path.join(dir, 'absent.jsonl')}: no such file`);
  });
});
