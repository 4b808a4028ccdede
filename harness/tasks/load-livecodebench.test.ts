import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import { filterSince } from './filter-since.ts';
import { loadLiveCodeBench } from './load-livecodebench.ts';

const FIXTURE = path.join(import.meta.dirname, '__fixtures__', 'livecodebench-sample.jsonl');
const dir = mkdtempSync(path.join(tmpdir(), 'codebench-lcb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadLiveCodeBench', () => {
  it('turns each problem into a program task with its public then private stdin cases', () => {
    const tasks = loadLiveCodeBench(FIXTURE);
    expect(tasks.map((t) => [t.id, t.kind, t.difficulty, t.created, t.cases?.length])).toEqual([
      ['LiveCodeBench/cb001', 'program', 'easy', '2024-03-02', 4],
      ['LiveCodeBench/cb002', 'program', 'medium', '2024-07-13', 4],
      ['LiveCodeBench/cb003', 'program', 'hard', '2025-01-18', 4],
    ]);
    const lamps = tasks[1]!;
    expect(lamps.cases![0]).toEqual({ input: '5 2\n1 3\n2 5\n', output: '3\n' });
    expect(lamps.prompt).toMatch(/^There are N lamps/);
    expect(lamps).toMatchObject({ suite: 'livecodebench', language: 'python', tests: '', origin: { file: FIXTURE, line: 2 } });
    expect(lamps.source?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps tasks from a date on, by contest date, and drops undated ones', () => {
    const tasks = loadLiveCodeBench(FIXTURE);
    expect(filterSince(tasks, '2024-07-13').map((t) => t.id)).toEqual(['LiveCodeBench/cb002', 'LiveCodeBench/cb003']);
    expect(filterSince(tasks, '2025-01-19')).toEqual([]);
    expect(filterSince([{ ...tasks[0]!, created: undefined }], '2000-01-01')).toEqual([]);
    expect(() => filterSince(tasks, '2024-13-01')).toThrow(new InputError('--since 2024-13-01: expected a date written as YYYY-MM-DD'));
  });

  it('names the line and field of a malformed problem', () => {
    const good = JSON.parse(readFileSync(FIXTURE, 'utf8').split('\n')[0]!) as Record<string, unknown>;
    const errorOf = (changes: Record<string, unknown>): string => {
      const file = path.join(dir, 'bad.jsonl');
      writeFileSync(file, `${JSON.stringify(good)}\n${JSON.stringify({ ...good, question_id: 'x2', ...changes })}\n`);
      try {
        loadLiveCodeBench(file);
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as Error).message.slice(file.length);
      }
      throw new Error('expected a rejection');
    };
    expect(errorOf({ private_test_cases: '[{"input": "1\\n"}]' })).toBe(':2: field "private_test_cases[0].output" must be a string, found undefined');
    expect(errorOf({ private_test_cases: '[{"input": "1", "output": "2", "testtype": "functional"}]' })).toMatch(/:2: field "private_test_cases\[0\]\.testtype" must be "stdin", found "functional"/);
    expect(errorOf({ private_test_cases: 'not json' })).toMatch(/^:2: field "private_test_cases" is not a JSON list of test cases \(/);
    expect(errorOf({ public_test_cases: '[]', private_test_cases: '[]' })).toBe(':2: field "private_test_cases" holds no test cases (nor does public_test_cases)');
    expect(errorOf({ contest_date: '13/07/2024' })).toMatch(/^:2: field "contest_date" must be an ISO date/);
    expect(errorOf({ difficulty: 'insane' })).toBe(':2: field "difficulty" must be one of easy, medium, hard, found "insane"');
    expect(errorOf({ question_content: undefined })).toBe(':2: field "question_content" missing');
    expect(errorOf({ question_id: 'cb001' })).toBe(':2: duplicate task id "LiveCodeBench/cb001" (first on line 1)');
  });
});
