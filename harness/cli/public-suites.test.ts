import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sandboxUnavailableReason } from '../sandbox/test-support.ts';
import { openStore } from '../store/open-store.ts';
import { sharedDataset } from '../tasks/test-datasets.ts';
import { main } from './main.ts';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'codebench-public-suites-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const humanEval = sharedDataset('humaneval/HumanEval.jsonl.gz', 'public-suites.test');

describe('codebench tasks fetch', () => {
  it('fails in one line with exit 3 when the network cannot be reached', async () => {
    const r = await cli('tasks', 'fetch', 'humaneval', '--url', 'http://127.0.0.1:1/HumanEval.jsonl.gz', '--cache-dir', join(dir, 'none'));
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^codebench: tasks fetch humaneval: cannot reach http:\/\/127\.0\.0\.1:1\/HumanEval\.jsonl\.gz \(.+\); .*--from FILE\n$/);
    expect(r.stdout).toBe('');
  });

  it('names the known sets for an unknown one, and refuses a variant', async () => {
    const r = await cli('tasks', 'fetch', 'humaneval++', '--cache-dir', dir);
    expect(r).toMatchObject({ code: 2, stderr: expect.stringMatching(/^codebench: tasks fetch humaneval\+\+: unknown set; known sets: humaneval, humaneval\+, mbpp,/) });
    expect((await cli('tasks', 'fetch', 'mbpp+:base', '--cache-dir', dir)).stderr).toMatch(/fetch the set without its :variant, e\.g\. mbpp\+/);
  });

  it.skipIf(humanEval.missing)('imports a local copy, after which the built-in name loads from the cache', async () => {
    const cacheDir = join(dir, 'cache');
    const fetched = await cli('tasks', 'fetch', 'humaneval', '--from', humanEval.path, '--cache-dir', cacheDir);
    expect(fetched).toMatchObject({ code: 0, stdout: `${join(cacheDir, 'HumanEval.jsonl.gz')}\n` });
    expect(fetched.stderr).toMatch(/humaneval: imported, sha256 b796127e\S+ verified/);
    const listed = await cli('tasks', 'list', '--suite', 'humaneval', '--cache-dir', cacheDir, '--json');
    expect(JSON.parse(listed.stdout)).toHaveLength(164);
  });
});

describe('codebench run on imported suites', () => {
  it('says how to fill the cache when a built-in set is missing', async () => {
    const r = await cli('run', '--model', 'reference', '--suite', 'humaneval+', '--cache-dir', join(dir, 'empty'), '--db', join(dir, 'x.db'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`codebench: --suite humaneval+: not in the cache ${join(dir, 'empty')}; run codebench tasks fetch humaneval+ (or --from FILE)`);
  });

  it('refuses a suite with a task lacking tests, naming file, line and field, unless --allow-invalid', async () => {
    const file = join(dir, 'partial.jsonl');
    const task = (id: string, test: string) => JSON.stringify({ task_id: id, prompt: 'def one():\n', canonical_solution: '    return 1\n', test, entry_point: 'one' });
    writeFileSync(file, `${task('p/0', 'def check(candidate):\n    assert candidate() == 1\n')}\n${task('p/1', '  ')}\n`);
    const db = join(dir, 'partial.db');
    const refused = await cli('run', '--model', 'reference', '--suite', file, '--db', db, '--no-grade');
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe(`codebench: ${file}:2: field "test" is empty: the task would have no tests (--allow-invalid skips invalid tasks)`);
    const allowed = await cli('run', '--model', 'reference', '--suite', file, '--db', db, '--no-grade', '--allow-invalid', '--json');
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain(`codebench: skipping an invalid task: ${file}:2: field "test" is empty`);
    expect(allowed.stderr).toMatch(/1 tasks/);
    const store = openStore(db);
    try {
      const spec = store.getRun(JSON.parse(allowed.stdout).runId)?.spec;
      expect(spec?.sources).toEqual([{ suite: file, file, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    } finally {
      store.close();
    }
  });

  it('keeps only tasks created on or after --since, and records the date', async () => {
    const db = join(dir, 'since.db');
    const none = await cli('run', '--model', 'reference', '--suite', 'codebench', '--since', '2999-01-01', '--db', db, '--no-grade');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^codebench: --since 2999-01-01: none of the \d+ tasks was created on or after that date\n$/);
    expect((await cli('run', '--model', 'reference', '--since', '1/2/2024', '--db', db, '--no-grade')).stderr).toMatch(/--since 1\/2\/2024: expected a date written as YYYY-MM-DD/);
    const run = await cli('run', '--model', 'reference', '--suite', 'codebench', '--since', '2026-11-22', '--db', db, '--no-grade', '--json');
    expect(run.code).toBe(0);
    const store = openStore(db);
    try {
      const spec = store.getRun(JSON.parse(run.stdout).runId)?.spec;
      expect(spec?.since).toBe('2026-11-22');
      expect(spec?.sources).toEqual(expect.arrayContaining([{ suite: 'codebench', file: expect.stringMatching(/tasks\/codebench$/), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]));
    } finally {
      store.close();
    }
  });
});

describe('codebench report --since', () => {
  it('limits a stored run to the tasks created on or after the date', async () => {
    const suite = join(dir, 'dated');
    mkdirSync(suite, { recursive: true });
    const source = readFileSync(resolve(import.meta.dirname, '../../tasks/codebench/python/bankers-round-cents.yaml'), 'utf8');
    for (const [slug, created] of [['old-task', '2024-01-01'], ['new-task', '2026-06-01']]) {
      writeFileSync(join(suite, `${slug}.yaml`), source.replace('cb/py/bankers-round-cents', `cb/py/${slug}`).replace(/^created: .*$/m, `created: ${created}`));
    }
    const db = join(dir, 'report-since.db');
    expect((await cli('run', '--model', 'reference', '--suite', suite, '--db', db, '--no-grade')).code).toBe(0);
    const all = await cli('report', '--db', db, '--format', 'json');
    expect(all.stdout).toContain('cb/py/old-task');
    const fresh = await cli('report', '--db', db, '--format', 'json', '--since', '2025-01-01');
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stderr).toContain('codebench: limited to tasks created on or after 2025-01-01');
    expect(fresh.stdout).toContain('cb/py/new-task');
    expect(fresh.stdout).not.toContain('cb/py/old-task');
    for (const [date, message] of [['2027-01-01', /--since 2027-01-01: run \S+ \(.*\) has no samples of tasks created on or after that date/], ['June', /--since June: expected a date written as YYYY-MM-DD/]] as const) {
      const r = await cli('report', '--db', db, '--since', date);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe.skipIf(sandboxUnavailableReason())('codebench tasks validate on a set without references', () => {
  it('runs an empty stub that must fail, and lists known upstream errata instead of calling them problems', async () => {
    const file = join(dir, 'multipl-e.jsonl');
    const record = (name: string, expected: string) =>
      JSON.stringify({
        name,
        language: 'js',
        prompt: 'function remove_vowels(text){\n',
        tests: `const assert = require('node:assert');\nfunction test() {\n  let candidate = remove_vowels;\n  assert.deepEqual(candidate("ab"),${expected});\n}\n\ntest();`,
        stop_tokens: [],
      });
    // The erratum's real defect: a raw newline inside a string literal of the tests.
    writeFileSync(file, `${record('HumanEval_50_other', '"b"')}\n${record('HumanEval_51_remove_vowels', '"b\n"')}\n`);
    const r = await cli('tasks', 'validate', '--suite', file, '--db', join(dir, 'validate.db'));
    expect(r.stdout).toContain('known upstream erratum MultiPL-E/js/HumanEval_51_remove_vowels (unpassable): SyntaxError in the MultiPL-E tests themselves');
    // The erratum's stub dies of its SyntaxError, the other fails its assertion.
    expect(r.stdout).toMatch(/javascript\s+2\s+0\s+0\s+2\s+2\s+error 1, fail 1\s+0\s+1/);
    expect(r.code).toBe(0);
  });
});
