import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BwrapSandbox } from '../sandbox/bwrap-sandbox.ts';
import { sandboxUnavailableReason } from '../sandbox/test-support.ts';
import { loadLiveCodeBench } from '../tasks/load-livecodebench.ts';
import { Grader } from './grader.ts';

// The stdin/stdout problems the LiveCodeBench importer's own test reads (no public copy of the
// real data could be stored: ../shared/datasets/README.md §7).
const FIXTURE = path.join(import.meta.dirname, '..', 'tasks', '__fixtures__', 'livecodebench-sample.jsonl');

const skip = sandboxUnavailableReason();
if (skip) console.warn(`skipping LiveCodeBench grading tests: ${skip}`);

const CORRECT: Record<string, string> = {
  'LiveCodeBench/cb001': 's = input().strip()\nprint(sum(s[i] == s[i + 1] for i in range(len(s) - 1)))\n',
  'LiveCodeBench/cb002': [
    'import sys',
    'data = sys.stdin.read().split()',
    'n, m = int(data[0]), int(data[1])',
    'diff = [0] * (n + 2)',
    'for j in range(m):',
    '    l, r = int(data[2 + 2 * j]), int(data[3 + 2 * j])',
    '    diff[l] += 1',
    '    diff[r + 1] -= 1',
    'on = run = 0',
    'for i in range(1, n + 1):',
    '    run += diff[i]',
    '    on += run % 2',
    'print(on)',
  ].join('\n'),
  'LiveCodeBench/cb003': [
    'from collections import Counter',
    'n, k = map(int, input().split())',
    'seen = Counter()',
    'pairs = 0',
    'for a in map(int, input().split()):',
    '    pairs += seen[(-a) % k]',
    '    seen[a % k] += 1',
    'print(pairs)',
  ].join('\n'),
};

describe.skipIf(skip)('LiveCodeBench stdin/stdout problems are gradable', () => {
  const tasks = loadLiveCodeBench(FIXTURE);
  let sandbox: BwrapSandbox;
  let grader: Grader;

  beforeAll(async () => {
    sandbox = await BwrapSandbox.create({ slots: 2 });
    grader = new Grader(sandbox, { timeoutSeconds: 2 });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('passes a correct program on every imported problem, public and private cases alike', async () => {
    expect(tasks.map((t) => t.id)).toEqual(Object.keys(CORRECT));
    const results = await Promise.all(tasks.map(async (task) => [task.id, await grader.grade(task, CORRECT[task.id])] as const));
    for (const [id, result] of results) expect({ id, ...result }).toMatchObject({ id, verdict: 'pass', detail: 'passed 4 cases' });
  });

  it('fails a wrong program at the private case it gets wrong', async () => {
    const [twins, lamps, pairs] = tasks;
    // Counts letters that appear more than once instead of adjacent pairs: the public sample still passes.
    const r1 = await grader.grade(twins!, 's = input().strip()\nprint(len(s) - len(set(s)))\n');
    expect(r1).toMatchObject({ verdict: 'fail', detail: 'case 4 of 4: expected "0", got "3"' });
    // Counts lamps toggled exactly once.
    const r2 = await grader.grade(lamps!, CORRECT['LiveCodeBench/cb002']!.replace('on += run % 2', 'on += run == 1'));
    expect(r2).toMatchObject({ verdict: 'fail', detail: 'case 4 of 4: expected "8", got "2"' });
    // Looks for the residue k - a % k, which is never 0: multiples of k find no partner.
    const r3 = await grader.grade(pairs!, CORRECT['LiveCodeBench/cb003']!.replace('seen[(-a) % k]', 'seen[k - a % k]'));
    expect(r3).toMatchObject({ verdict: 'fail', detail: 'case 2 of 4: expected "1", got "0"' });
    expect(r3.output).toContain('--- input ---\n2 1\n7 8');
  });
});
