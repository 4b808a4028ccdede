import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import type { Task } from '../core/task.ts';
import { assembleProgram } from '../grader/assemble-program.ts';
import { Grader } from '../grader/grader.ts';
import { BwrapSandbox } from '../sandbox/bwrap-sandbox.ts';
import { sandboxUnavailableReason } from '../sandbox/test-support.ts';
import { ERRATA } from './errata.ts';
import { emptyStub, loadMultiplE } from './load-multipl-e.ts';
import { evenSample, sharedDataset } from './test-datasets.ts';

const FILES = [
  ['humaneval-js', 161, 'javascript'],
  ['humaneval-ts', 159, 'typescript'],
  ['mbpp-js', 399, 'javascript'],
  ['mbpp-ts', 391, 'typescript'],
] as const;
const files = FILES.map(([name, count, language]) => ({ name, count, language, ...sharedDataset(`multipl-e/${name}-reworded.jsonl`, 'load-multipl-e.test') }));
const noSandbox = sandboxUnavailableReason();
if (noSandbox) console.warn(`load-multipl-e.test: skipping sandboxed checks: ${noSandbox}`);

const dir = mkdtempSync(path.join(tmpdir(), 'codebench-multipl-e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadMultiplE on the released files', () => {
  it.each(files)('loads $name: $count tasks, tests that call test() themselves', ({ path: file, missing, name, count, language }) => {
    if (missing) return;
    const tasks = loadMultiplE(file);
    expect(tasks).toHaveLength(count);
    expect(new Set(tasks.map((t) => t.language))).toEqual(new Set([language]));
    expect(tasks[0]!.suite).toBe(`multipl-e-${name}`);
    for (const task of tasks) {
      expect(task.reference).toBeUndefined();
      expect(task.testCall).toBe('');
      expect(task.tests.trimEnd()).toMatch(/test\(\);$/);
      if (language === 'typescript') expect(task.tests.startsWith('declare var require: any;\n')).toBe(true);
      expect(task.prompt).toContain(`function ${task.entryPoint}(`);
    }
    const first = tasks[0]!;
    expect(assembleProgram(first, emptyStub(first))).toBe(`${first.prompt}${emptyStub(first)}\n\n${first.tests}\n\n\n`);
  });

  it('lists only errata whose tasks exist in the shipped files', () => {
    const ids = new Set(files.filter((f) => !f.missing).flatMap((f) => loadMultiplE(f.path).map((t) => t.id)));
    const languages = new Set<string>(files.filter((f) => !f.missing).map((f) => (f.language === 'javascript' ? 'js' : 'ts')));
    for (const id of Object.keys(ERRATA).filter((id) => id.startsWith('MultiPL-E/'))) {
      if (languages.has(id.split('/')[1]!)) expect(ids).toContain(id);
    }
  });
});

describe.skipIf(noSandbox)('MultiPL-E tests in the sandbox, against an empty stub', () => {
  let sandbox: BwrapSandbox;
  let grader: Grader;
  beforeAll(async () => {
    sandbox = await BwrapSandbox.create({ slots: 2 });
    grader = new Grader(sandbox, { timeoutSeconds: 20 });
  });
  afterAll(async () => sandbox?.close());

  const verdicts = async (tasks: Task[]) => Promise.all(tasks.map(async (t) => [t.id, (await grader.grade(t, emptyStub(t))).verdict] as const));

  it.each(files)('compiles, runs and fails the tests of 15 $name tasks', async ({ path: file, missing }) => {
    if (missing) return;
    const sample = evenSample(loadMultiplE(file).filter((t) => !(t.id in ERRATA)));
    expect((await verdicts(sample)).filter(([, verdict]) => verdict !== 'fail')).toEqual([]);
  }, 300_000);

  it('gives an error, not a failure, on the errata whose tests do not compile', async () => {
    const tasks = files.filter((f) => !f.missing).flatMap((f) => loadMultiplE(f.path)).filter((t) => t.id in ERRATA);
    for (const [id, verdict] of await verdicts(tasks)) expect([id, verdict]).toEqual([id, 'error']);
  }, 300_000);

  it('passes a correct completion', async () => {
    const js = files[0]!;
    if (js.missing) return;
    const task = loadMultiplE(js.path).find((t) => t.id === 'MultiPL-E/js/HumanEval_0_has_close_elements')!;
    const body = '  for (let i = 0; i < numbers.length; i++)\n    for (let j = i + 1; j < numbers.length; j++)\n      if (Math.abs(numbers[i] - numbers[j]) < threshold) return true;\n  return false;\n}\n';
    expect((await grader.grade(task, body)).verdict).toBe('pass');
  });
});

describe('loadMultiplE on malformed files', () => {
  const record = (overrides: Record<string, unknown> = {}): string =>
    JSON.stringify({ name: 'HumanEval_0_f', language: 'js', prompt: 'function f(x){\n', tests: "const assert = require('node:assert');\nfunction test() {\n  let candidate = f;\n  assert.deepEqual(candidate(1),1);\n}\n\ntest();", stop_tokens: [], ...overrides });
  const errorOf = (lines: string[]): string => {
    const file = path.join(dir, 'bad.jsonl');
    writeFileSync(file, lines.join('\n'));
    try {
      loadMultiplE(file);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as Error).message.slice(file.length);
    }
    throw new Error('expected a rejection');
  };

  it('names the line and the field', () => {
    expect(errorOf([record(), record({ name: 'HumanEval_1_g', tests: '' })])).toBe(':2: field "tests" is empty');
    expect(errorOf([record({ language: 'py' })])).toBe(':1: field "language" must be one of js, ts, found "py"');
    expect(errorOf([record({ prompt: 'const f = 1;\n' })])).toBe(':1: field "prompt" declares no function (expected a line starting "function name(")');
    expect(errorOf([record({ tests: 'let candidate = g;\ntest();' })])).toBe(':1: field "tests" test "g", but the prompt declares "f"');
    expect(errorOf([record({ name: 42 })])).toBe(':1: field "name" must be a string, found number');
    expect(errorOf([record(), '{"name": ']).startsWith(':2: invalid JSON')).toBe(true);
  });
});
