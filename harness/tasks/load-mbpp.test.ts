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
import { loadMbpp } from './load-mbpp.ts';
import { evenSample, sharedDataset } from './test-datasets.ts';

const full = sharedDataset('mbpp/mbpp.jsonl', 'load-mbpp.test');
const sanitized = sharedDataset('mbpp/sanitized-mbpp.json', 'load-mbpp.test');
const noSandbox = sandboxUnavailableReason();
if (noSandbox) console.warn(`load-mbpp.test: skipping sandboxed checks: ${noSandbox}`);

const dir = mkdtempSync(path.join(tmpdir(), 'codebench-mbpp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadMbpp on the released files', () => {
  it.skipIf(full.missing)('loads all 974 tasks of mbpp.jsonl with the first test as the example', () => {
    const tasks = loadMbpp(full.path);
    expect(tasks).toHaveLength(974);
    expect(tasks.map((t) => t.id)).toEqual(Array.from({ length: 974 }, (_, i) => `MBPP/${i + 1}`));
    expect(tasks[0]).toMatchObject({ suite: 'mbpp', entryPoint: 'min_cost', testCall: '', origin: { file: full.path, line: 1 } });
    expect(tasks[0]!.prompt).toBe(
      '"""\nWrite a function to find the minimum cost path to reach (m, n) from (0, 0) for the given cost matrix cost[][] and a position (m, n) in cost[][].\nassert min_cost([[1, 2, 3], [4, 8, 2], [1, 5, 3]], 2, 2) == 8\n"""\n',
    );
    for (const task of tasks) expect(task.reference).toMatch(new RegExp(`def\\s+${task.entryPoint}\\s*\\(`));
  });

  it.skipIf(full.missing)('puts test_setup_code after the solution, where tasks 367 and 927 need it', () => {
    const tasks = loadMbpp(full.path);
    for (const id of ['MBPP/367', 'MBPP/927']) {
      const task = tasks.find((t) => t.id === id)!;
      const program = assembleProgram(task, task.reference!);
      expect(program.indexOf('class Node')).toBeLessThan(program.indexOf('root = Node('));
    }
  });

  it.skipIf(sanitized.missing)('loads all 427 tasks of the sanitized JSON array, with its test imports', () => {
    const tasks = loadMbpp(sanitized.path);
    expect(tasks).toHaveLength(427);
    expect(tasks[0]).toMatchObject({ id: 'MBPP-sanitized/2', suite: 'mbpp-sanitized', entryPoint: 'similar_elements', origin: { line: 2 } });
    expect(tasks.at(-1)!.id).toBe('MBPP-sanitized/809');
    expect(tasks.filter((t) => t.tests.startsWith('import math\n'))).toHaveLength(13);
  });
});

describe.skipIf(noSandbox)('MBPP references in the sandbox', () => {
  let sandbox: BwrapSandbox;
  let grader: Grader;
  beforeAll(async () => {
    sandbox = await BwrapSandbox.create({ slots: 2 });
    grader = new Grader(sandbox, { timeoutSeconds: 30 });
  });
  afterAll(async () => sandbox?.close());

  const passAll = async (tasks: Task[]) => {
    const results = await Promise.all(tasks.map(async (t) => [t.id, (await grader.grade(t, t.reference)).verdict] as const));
    expect(results.filter(([, verdict]) => verdict !== 'pass')).toEqual([]);
  };

  it.skipIf(full.missing)('passes 15 references of mbpp.jsonl, and tasks 367 and 927 with their setup code', async () => {
    const tasks = loadMbpp(full.path);
    await passAll([...evenSample(tasks), ...tasks.filter((t) => t.id === 'MBPP/367' || t.id === 'MBPP/927')]);
  }, 300_000);

  it.skipIf(sanitized.missing)('passes 15 references of the sanitized set', async () => {
    await passAll(evenSample(loadMbpp(sanitized.path)));
  }, 300_000);

  it.skipIf(full.missing)('fails a wrong solution on its asserts', async () => {
    const task = loadMbpp(full.path)[0]!;
    expect((await grader.grade(task, 'def min_cost(cost, m, n):\n    return 0\n')).verdict).toBe('fail');
  });
});

describe('loadMbpp on malformed files', () => {
  const record = (overrides: Record<string, unknown> = {}): string =>
    JSON.stringify({ text: 'Add one.', code: 'def inc(x):\n    return x + 1', task_id: 1, test_setup_code: '', test_list: ['assert inc(1) == 2'], challenge_test_list: [], ...overrides });
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const errorOf = (file: string): string => {
    try {
      loadMbpp(file);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as Error).message;
    }
    throw new Error(`expected ${file} to be rejected`);
  };

  it('names the line and field', () => {
    let file = write('a.jsonl', `${record()}\n${record({ task_id: 2, test_list: [] })}\n`);
    expect(errorOf(file)).toBe(`${file}:2: field "test_list" is empty`);
    file = write('b.jsonl', `${record({ test_list: ['assert inc(1) == 2', 3] })}\n`);
    expect(errorOf(file)).toBe(`${file}:1: field "test_list[1]" must be a string, found number`);
    file = write('c.jsonl', `${record({ task_id: '1' })}\n`);
    expect(errorOf(file)).toBe(`${file}:1: field "task_id" must be a whole number, found string "1"`);
    file = write('d.jsonl', `${record({ code: undefined })}\n`);
    expect(errorOf(file)).toBe(`${file}:1: field "code" missing`);
    file = write('e.jsonl', `${record()}\n{"text": \n`);
    expect(errorOf(file)).toMatch(/e\.jsonl:2: invalid JSON \(.+\)$/);
    file = write('f.jsonl', `${record({ test_list: ['assert True'] })}\n`);
    expect(errorOf(file)).toBe(`${file}:1: field "test_list[0]" calls no function to test: "assert True"`);
    file = write('g.jsonl', `${record()}\n${record()}\n`);
    expect(errorOf(file)).toBe(`${file}:2: duplicate task id "MBPP/1" (first on line 1)`);
  });

  it('reads the line of each element of a sanitized array, and names the element that is not an object', () => {
    const item = (id: number) => ({ source_file: 'x', task_id: id, prompt: 'Add one.', code: 'def inc(x):\n    return x + 1', test_imports: [], test_list: ['assert inc(1) == 2'] });
    let file = write('s.json', JSON.stringify([item(1), item(2)], null, 4));
    expect(loadMbpp(file).map((t) => [t.id, t.origin.line])).toEqual([
      ['MBPP-sanitized/1', 2],
      ['MBPP-sanitized/2', 12],
    ]);
    file = write('t.json', JSON.stringify([item(1), 'oops'], null, 4));
    expect(errorOf(file)).toBe(`${file}:12: element 1 must be a JSON object, found a string`);
    file = write('u.json', JSON.stringify([item(1), { ...item(2), test_imports: 'import math' }], null, 4));
    expect(errorOf(file)).toBe(`${file}:12: field "test_imports" must be a list of strings, found string`);
    file = write('v.json', '[\n  {"task_id": 1,\n');
    expect(errorOf(file)).toMatch(/v\.json:\d+: invalid JSON/);
  });
});
