import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandboxUnavailableReason } from '../sandbox/test-support.ts';
import { main } from './main.ts';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const SHARED = resolve(import.meta.dirname, '../../../shared/datasets/humaneval');
const sharedMissing = existsSync(SHARED) ? undefined : `${SHARED} is absent`;
const sandboxMissing = sandboxUnavailableReason();
if (sharedMissing) console.warn(`skipping HumanEval grade tests: ${sharedMissing}`);
if (sandboxMissing) console.warn(`skipping sandboxed CLI tests: ${sandboxMissing}`);

describe('codebench bad input: one clear line, exit 2', () => {
  it.each([
    [['run', '--model', 'reference', '--bogus'], /^codebench: unknown flag --bogus/],
    [['run', '--model', 'nope:x'], /--model "nope:x": unknown provider "nope"/],
    [['run', '--model', 'reference', '--samples', '0'], /--samples: expected a whole number/],
    [['run', '--model', 'reference', '--suite', '/no/such/suite'], /--suite \/no\/such\/suite: no such suite/],
    [['run'], /--model/],
    [['frobnicate'], /unknown command or argument frobnicate/],
    [[], /name a command/],
    [['grade', '--tasks', '/no/such.jsonl', '--samples', 'x.jsonl'], /\/no\/such\.jsonl: no such file/],
    [['grade', '--tasks', 'a.jsonl', '--samples', 'b.jsonl', '--k', '1,zero'], /--k: expected a whole number/],
  ])('%j', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });
});

describe.skipIf(sharedMissing || sandboxMissing)('codebench grade (human-eval contract)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'codebench-grade-'));
  const problems = join(SHARED, 'example_problem.jsonl');

  it('scores human-eval\'s example samples 0.5, as its README documents, and writes the results file', async () => {
    const samples = join(dir, 'example_samples.jsonl');
    copyFileSync(join(SHARED, 'example_samples.jsonl'), samples);
    const r = await cli('grade', '--tasks', problems, '--samples', samples, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ 'pass@1': 0.5, samples: 6, unscored: 0 });
    expect(existsSync(`${samples}_results.jsonl`)).toBe(true);
  });

  it('names the line of a malformed samples file and writes nothing', async () => {
    const samples = join(dir, 'broken.jsonl');
    writeFileSync(samples, '{"task_id": "test/0", "completion": "    return 1"}\n\n{"task_id": "test/0", "completion": \n');
    const r = await cli('grade', '--tasks', problems, '--samples', samples);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.jsonl:3: invalid JSON/);
    expect(existsSync(`${samples}_results.jsonl`)).toBe(false);
  });

  it('rejects a sample for a task that is not in the problem file', async () => {
    const samples = join(dir, 'stranger.jsonl');
    writeFileSync(samples, '{"task_id": "HumanEval/999", "completion": "pass"}\n');
    const r = await cli('grade', '--tasks', problems, '--samples', samples);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/stranger\.jsonl:1: task_id "HumanEval\/999" is not in the problem file/);
  });
});
