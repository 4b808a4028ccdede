import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import type { Task } from '../core/task.ts';
import { Grader } from '../grader/grader.ts';
import { BwrapSandbox } from '../sandbox/bwrap-sandbox.ts';
import { sandboxUnavailableReason } from '../sandbox/test-support.ts';
import { erratumFor } from './errata.ts';
import { sha256 } from './fetch-dataset.ts';
import { loadEvalPlus } from './load-evalplus.ts';
import { PUBLIC_SETS } from './public-sets.ts';
import { scanArrayItems } from './scan-json.ts';
import { evenSample, sharedDataset } from './test-datasets.ts';

const humanEvalPlus = sharedDataset('evalplus/HumanEvalPlus.jsonl.gz', 'load-evalplus.test');
const mbppPlus = sharedDataset('evalplus/MbppPlus.jsonl.gz', 'load-evalplus.test');
const noSandbox = sandboxUnavailableReason();
if (noSandbox) console.warn(`load-evalplus.test: skipping sandboxed checks: ${noSandbox}`);

const dir = mkdtempSync(path.join(tmpdir(), 'codebench-evalplus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** How many inputs of each group the generated tests embed, read back from the test code. */
function embeddedInputs(tasks: Task[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const task of tasks) {
    for (const m of task.tests.matchAll(/^ {4}\("(base|plus)", ("(?:[^"\\]|\\.)*")\),$/gm)) {
      counts[m[1]!] = (counts[m[1]!] ?? 0) + scanArrayItems(JSON.parse(m[2]!) as string).length;
    }
  }
  return counts;
}

describe('loadEvalPlus on the released files', () => {
  it.skipIf(humanEvalPlus.missing)('loads HumanEval+: 164 tasks with all 1,570 base and 122,683 plus inputs', () => {
    const tasks = loadEvalPlus(humanEvalPlus.path);
    expect(tasks).toHaveLength(164);
    expect(tasks.map((t) => t.id)).toEqual(Array.from({ length: 164 }, (_, i) => `HumanEvalPlus/${i}`));
    expect(tasks[0]).toMatchObject({ suite: 'humaneval+', kind: 'function', language: 'python', entryPoint: 'has_close_elements', testCall: '_cb_check(has_close_elements)', atol: 0 });
    expect(tasks[0]!.source).toEqual({ suite: 'humaneval+', file: humanEvalPlus.path, sha256: PUBLIC_SETS.find((s) => s.name === 'humaneval+')!.sha256 });
    expect(tasks.filter((t) => t.atol !== 0).map((t) => [t.id, t.atol])).toEqual([
      ['HumanEvalPlus/2', 1e-6],
      ['HumanEvalPlus/4', 1e-6],
      ['HumanEvalPlus/32', 1e-4],
    ]);
    expect(embeddedInputs(tasks)).toEqual({ base: 1570, plus: 122683 });
    expect(erratumFor('HumanEvalPlus/32')?.effect).toBe('corrected');
  });

  it.skipIf(humanEvalPlus.missing)('loads the base variant with the base inputs only', () => {
    const tasks = loadEvalPlus(humanEvalPlus.path, { variant: 'base' });
    expect(tasks.map((t) => t.id).slice(0, 2)).toEqual(['HumanEvalPlus-base/0', 'HumanEvalPlus-base/1']);
    expect(tasks[0]!.suite).toBe('humaneval+:base');
    expect(embeddedInputs(tasks)).toEqual({ base: 1570 });
  });

  it.skipIf(mbppPlus.missing)('loads MBPP+: all 378 records, with 1,174 base and 39,841 plus inputs', () => {
    const tasks = loadEvalPlus(mbppPlus.path);
    expect(tasks).toHaveLength(378);
    expect(tasks[0]).toMatchObject({ id: 'MbppPlus/2', suite: 'mbpp+', entryPoint: 'similar_elements' });
    expect(tasks.filter((t) => t.atol !== 0)).toHaveLength(13);
    expect(embeddedInputs(tasks)).toEqual({ base: 1174, plus: 39841 });
    // Mbpp/793 ships `"plus_input": {}`: no plus group, and an erratum says so.
    expect(embeddedInputs(tasks.filter((t) => t.id === 'MbppPlus/793'))).toEqual({ base: 3 });
    expect(erratumFor('MbppPlus/793')?.effect).toBe('note');
    // Mbpp/404 has -Infinity among its inputs, which JSON.parse refuses; it must reach Python as written.
    expect(tasks.find((t) => t.id === 'MbppPlus/404')!.tests).toContain('-Infinity');
  });
});

describe.skipIf(noSandbox)('EvalPlus tests in the sandbox', () => {
  let sandbox: BwrapSandbox;
  let grader: Grader;
  beforeAll(async () => {
    sandbox = await BwrapSandbox.create({ slots: 2 });
    grader = new Grader(sandbox, { timeoutSeconds: 60 });
  });
  afterAll(async () => sandbox?.close());

  const passAll = async (tasks: Task[]) => {
    const results = await Promise.all(tasks.map(async (t) => [t.id, (await grader.grade(t, t.reference)).verdict] as const));
    expect(results.filter(([, verdict]) => verdict !== 'pass')).toEqual([]);
  };

  it.skipIf(humanEvalPlus.missing)('passes the canonical solutions of 15 HumanEval+ tasks on base and plus inputs', async () => {
    await passAll(evenSample(loadEvalPlus(humanEvalPlus.path)));
  }, 600_000);

  it.skipIf(mbppPlus.missing)('passes the canonical solutions of 15 MBPP+ tasks on base and plus inputs', async () => {
    await passAll(evenSample(loadEvalPlus(mbppPlus.path)));
  }, 600_000);

  it.skipIf(humanEvalPlus.missing)('accepts any root for HumanEval/32, where the released test is wrong', async () => {
    const task = loadEvalPlus(humanEvalPlus.path).find((t) => t.id === 'HumanEvalPlus/32')!;
    expect((await grader.grade(task, task.reference)).verdict).toBe('pass');
    // Bisection finds other roots than the canonical Newton iteration.
    const bisection = `    lo, hi = -1.0, 1.0
    while poly(xs, lo) * poly(xs, hi) > 0:
        lo, hi = lo * 2, hi * 2
    for _ in range(200):
        mid = (lo + hi) / 2
        if poly(xs, lo) * poly(xs, mid) <= 0:
            hi = mid
        else:
            lo = mid
    return (lo + hi) / 2
`;
    // On the plus inputs (degree up to 15) bisection's last bit of x still leaves |poly| > atol.
    const base = loadEvalPlus(humanEvalPlus.path, { variant: 'base' }).find((t) => t.id === 'HumanEvalPlus-base/32')!;
    expect((await grader.grade(base, bisection)).verdict).toBe('pass');
    expect((await grader.grade(base, '    return 0.5\n')).verdict).toBe('fail');
  });

  it('fails a solution that is right on the base inputs and wrong on a plus input, naming it', async () => {
    const file = writeRecords('double.jsonl', [record('HumanEval/900', { base_input: [[1], [2]], plus_input: [[3], [1000]] })]);
    const wrong = '    return x * 2 if x < 100 else 0\n';
    const [plus] = loadEvalPlus(file);
    const result = await grader.grade(plus!, wrong);
    expect(result).toMatchObject({ verdict: 'fail', detail: 'AssertionError: plus input 1: f(1000) returned 0, expected 2000' });
    const [base] = loadEvalPlus(file, { variant: 'base' });
    expect((await grader.grade(base!, wrong)).verdict).toBe('pass');
  });

  it('compares floats with EvalPlus tolerance', async () => {
    const mean = record('HumanEval/901', {
      prompt: 'def f(xs):\n',
      canonical_solution: '    return sum(xs) / len(xs)\n',
      base_input: [[[0.1, 0.2, 0.3]], [[1.0, 2.0]]],
      plus_input: [],
    });
    const [task] = loadEvalPlus(writeRecords('mean.jsonl', [mean]));
    expect((await grader.grade(task!, '    return sum(xs) / len(xs) + 1e-9\n')).verdict).toBe('pass');
    expect((await grader.grade(task!, '    return sum(xs) / len(xs) + 1e-3\n')).verdict).toBe('fail');
  });

  it('gives the solution a copy of each input, so mutating it cannot fool an oracle', async () => {
    const zero = record('HumanEval/903', {
      prompt: 'def find_zero(xs):\n',
      entry_point: 'find_zero',
      canonical_solution: '    return -xs[0] / xs[1]\n',
      base_input: [[[2, 4]], [[-3, 1]]],
      plus_input: [],
      atol: 0.0001,
    });
    const [task] = loadEvalPlus(writeRecords('zero.jsonl', [zero]));
    expect((await grader.grade(task!, '    return -xs[0] / xs[1]\n')).verdict).toBe('pass');
    expect((await grader.grade(task!, '    xs[:] = [0] * len(xs)\n    return 123.0\n')).verdict).toBe('fail');
  });

  it('applies MBPP+ input conversions and oracles: tuples, set equality, not-None, exact big integers', async () => {
    const file = writeRecords('mbpp.jsonl', [
      record('Mbpp/2', {
        prompt: '"""\nShared elements.\n"""\n',
        entry_point: 'similar_elements',
        canonical_solution: 'def similar_elements(a, b):\n    assert isinstance(a, tuple)\n    return tuple(set(a) & set(b))\n',
        base_input: [[[3, 4, 5, 6], [5, 7, 4, 10]]],
        plus_input: [],
      }),
      record('Mbpp/9001', {
        prompt: '"""\nMatch.\n"""\n',
        entry_point: 'check_str',
        canonical_solution: 'import re\ndef check_str(s):\n    return re.match("^[aeiou]", s)\n',
        base_input: [['apple'], ['pear']],
        plus_input: [],
      }),
      `{"task_id": "Mbpp/9002", "prompt": "", "entry_point": "mod7", "canonical_solution": "def mod7(x):\\n    return x % 7 if x == x and abs(x) != float('inf') else 0\\n", "atol": 0, "base_input": [[99999999999999999999999], [-Infinity], [NaN]], "plus_input": []}`,
    ]);
    const [pairs, matcher, big] = loadEvalPlus(file);
    expect((await grader.grade(pairs!, 'def similar_elements(a, b):\n    return tuple(sorted(set(a) & set(b), reverse=True))\n')).verdict).toBe('pass');
    expect((await grader.grade(matcher!, 'def check_str(s):\n    return s[0] in "aeiou"\n')).verdict).toBe('pass');
    expect((await grader.grade(matcher!, 'def check_str(s):\n    return None\n')).verdict).toBe('fail');
    expect((await grader.grade(big!, `def mod7(x):\n    return ${99999999999999999999999n % 7n} if x == 99999999999999999999999 else 0\n`)).verdict).toBe('pass');
  });

  it('limits each call to max(1 s, 4 × the reference) of CPU time, and ignores what the solution prints', async () => {
    const [task] = loadEvalPlus(writeRecords('slow.jsonl', [record('HumanEval/902', { base_input: [[1], [2]], plus_input: [] })]));
    const slow = await grader.grade(task!, '    if x == 2:\n        while True: pass\n    return x * 2\n');
    expect(slow).toMatchObject({ verdict: 'fail', detail: expect.stringMatching(/base input 1: f\(2\) took more than 1\.0 s of CPU time/) });
    expect((await grader.grade(task!, '    for _ in range(100000): print("noise" * 20)\n    return x * 2\n')).verdict).toBe('pass');
  });
});

describe('loadEvalPlus on malformed files', () => {
  const errorOf = (file: string): string => {
    try {
      loadEvalPlus(file);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).not.toContain('\n');
      return (error as Error).message;
    }
    throw new Error(`expected ${file} to be rejected`);
  };

  it('names the line of bad JSON, and the field that is missing or mistyped', () => {
    let file = writeRecords('bad-json.jsonl', [record('HumanEval/1'), '{"task_id": "HumanEval/2", "prompt": ']);
    expect(errorOf(file)).toMatch(new RegExp(`^${escape(file)}:2: invalid JSON \\(.+\\)$`));
    file = writeRecords('missing.jsonl', [record('HumanEval/1', { canonical_solution: undefined })]);
    expect(errorOf(file)).toBe(`${file}:1: field "canonical_solution" missing`);
    file = writeRecords('prompt.jsonl', [record('HumanEval/1', { prompt: 7 })]);
    expect(errorOf(file)).toBe(`${file}:1: field "prompt" must be a string, found number`);
    file = writeRecords('atol.jsonl', [record('HumanEval/1', { atol: '0' })]);
    expect(errorOf(file)).toBe(`${file}:1: field "atol" must be a number from 0 up, found string 0`);
    file = writeRecords('inputs.jsonl', [record('HumanEval/1', { base_input: [[1], 2] })]);
    expect(errorOf(file)).toBe(`${file}:1: field "base_input[1]" must be a list of arguments, found a number`);
    file = writeRecords('no-inputs.jsonl', [record('HumanEval/1', { base_input: [], plus_input: [] })]);
    expect(errorOf(file)).toBe(`${file}:1: field "base_input" is empty: the task would have no tests`);
    file = writeRecords('id.jsonl', [record('Other/1')]);
    expect(errorOf(file)).toBe(`${file}:1: field "task_id" must look like HumanEval/N or Mbpp/N, found "Other/1"`);
    file = writeRecords('entry.jsonl', [record('HumanEval/1', { entry_point: 'f(); import os' })]);
    expect(errorOf(file)).toMatch(/:1: field "entry_point" must be an identifier/);
    file = writeRecords('dup.jsonl', [record('HumanEval/1'), record('HumanEval/1')]);
    expect(errorOf(file)).toBe(`${file}:2: duplicate task id "HumanEvalPlus/1" (first on line 1)`);
  });

  it('rejects a truncated gzip file and an empty one', () => {
    const whole = gzipSync([record('HumanEval/1'), record('HumanEval/2')].join('\n'));
    const truncated = path.join(dir, 'cut.jsonl.gz');
    writeFileSync(truncated, whole.subarray(0, whole.length - 12));
    expect(errorOf(truncated)).toBe(`${truncated}: not a valid gzip file`);
    expect(errorOf(writeRecords('empty.jsonl', ['']))).toMatch(/empty\.jsonl: no tasks found$/);
  });

  it('skips invalid records, reporting each, when asked to', () => {
    const file = writeRecords('mixed.jsonl', [record('HumanEval/1'), record('HumanEval/2', { prompt: null }), record('HumanEval/3')]);
    const skipped: string[] = [];
    const tasks = loadEvalPlus(file, { onInvalid: (e) => skipped.push(e.message) });
    expect(tasks.map((t) => t.id)).toEqual(['HumanEvalPlus/1', 'HumanEvalPlus/3']);
    expect(skipped).toEqual([`${file}:2: field "prompt" must be a string, found null`]);
    expect(tasks[0]!.source?.sha256).toBe(sha256(readFileSync(file)));
  });
});

function record(taskId: string, overrides: Record<string, unknown> = {}): string {
  const base: Record<string, unknown> = {
    task_id: taskId,
    prompt: 'def f(x):\n',
    entry_point: 'f',
    canonical_solution: '    return x * 2\n',
    base_input: [[1]],
    plus_input: [[2]],
    atol: 0,
    contract: '',
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete base[key];
    else base[key] = value;
  }
  return JSON.stringify(base);
}

function writeRecords(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
