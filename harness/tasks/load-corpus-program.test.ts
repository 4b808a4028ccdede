import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpus, loadCorpusWithWrong } from './load-corpus.ts';
import { corpusErrorOf, writeUnder } from './test-corpus-dir.ts';

const cases = Array.from({ length: 8 }, (_, i) => `  - input: "${i} ${i + 1}\\n"\n    output: "${2 * i + 1}\\n"\n`).join('');

const VALID = `id: cb/py/add-pair
kind: program
language: python
difficulty: easy
tags: [demo]
created: 2026-12-04
prompt: |
  Read two integers on one line and print their sum.

  Example input:
  1 2

  Example output:
  3
reference: |
  a, b = map(int, input().split())
  print(a + b)
cases:
${cases}wrong:
  - |
    a, b = map(int, input().split())
    print(a - b)
`;

describe('program task files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'codebench-program-corpus-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (content: string, name = 'python/add-pair.yaml'): string => writeUnder(dir, name, content);
  const errorOf = (): string => corpusErrorOf(dir);

  it('loads a program task with its hidden cases and wrong programs, and no entry point or tests', () => {
    write(VALID);
    const [entry] = loadCorpusWithWrong(dir);
    expect(entry!.task).toMatchObject({ id: 'cb/py/add-pair', kind: 'program', entryPoint: '', tests: '' });
    expect(entry!.task.testCall).toBeUndefined();
    expect(entry!.task.cases).toHaveLength(8);
    expect(entry!.task.cases![1]).toEqual({ input: '1 2\n', output: '3\n' });
    expect(entry!.wrong).toHaveLength(1);
  });

  it('rejects entry_point and tests on a program task, naming the line', () => {
    const file = write(VALID.replace('created: 2026-12-04\n', 'created: 2026-12-04\nentry_point: main\n'));
    expect(errorOf()).toBe(`${file}:7: field "entry_point": a program task has no entry_point: the whole program reads stdin and writes stdout`);
    write(VALID.replace('cases:\n', 'tests: |\n  assert True\ncases:\n'));
    expect(errorOf()).toMatch(/add-pair\.yaml:18: field "tests": a program task has no tests: its hidden checks are cases$/);
  });

  it('requires at least 8 cases, distinct inputs and a wrong program', () => {
    const file = write(VALID.replace(/cases:\n(  .*\n)+/, ''));
    expect(errorOf()).toBe(`${file}:1: field "cases": missing required field (a program task needs at least 8 hidden cases of input and output)`);
    write(VALID.replace(/  - input: "7 8\\n"\n    output: "15\\n"\n/, ''));
    expect(errorOf()).toBe(`${file}:18: field "cases": a program task needs at least 8 cases, got 7`);
    write(VALID.replace('input: "7 8\\n"', 'input: "2 3\\n"'));
    expect(errorOf()).toBe(`${file}:33: field "cases[7].input": repeats the input of cases[2]`);
    write(VALID.replace(/wrong:\n(  .*\n)+/, ''));
    expect(errorOf()).toBe(`${file}:1: field "wrong": a program task needs at least one wrong program that a case rejects`);
  });

  it('wants each case to be a mapping of two strings', () => {
    const file = write(VALID.replace('output: "1\\n"', 'output: 1'));
    expect(errorOf()).toBe(`${file}:20: field "cases[0].output": expected string, got number 1`);
    write(VALID.replace('output: "1\\n"', 'output: "1\\n"\n    note: first'));
    expect(errorOf()).toMatch(/add-pair\.yaml:21: field "cases\[0\]\.note": unknown field; a case has only input and output$/);
  });

  it('keeps the function-task rules for function tasks: tests and entry point required, no cases', () => {
    const fn = `id: cb/py/add-pair\nkind: function\nlanguage: python\ndifficulty: easy\ntags: []\ncreated: 2026-12-04\nentry_point: add\nprompt: |\n  def add(a, b):\n      """Sum."""\nreference: |\n  def add(a, b):\n      return a + b\ntests: |\n  def check(candidate):\n      assert candidate(1, 2) == 3\n`;
    write(fn);
    expect(loadCorpus(dir)[0]).toMatchObject({ kind: 'function', entryPoint: 'add' });
    const file = write(fn.replace(/entry_point: add\n/, ''));
    expect(errorOf()).toBe(`${file}:1: field "entry_point": missing required field`);
    write(`${fn}cases:\n${cases}`);
    expect(errorOf()).toBe(`${file}:17: field "cases": only program tasks have cases; a function task is checked by its tests`);
  });
});
