import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunSpec } from '../core/run-spec.ts';
import type { Verdict } from '../core/verdict.ts';
import { configOf } from '../compare/test-scripted-run.ts';
import { openStore } from '../store/open-store.ts';
import { main } from './main.ts';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** Two corpus tasks stated `easy`, and a database where three models solved one of them and none the other. */
function fixture() {
  const dir = mkdtempSync(join(tmpdir(), 'codebench-difficulty-'));
  const suite = join(dir, 'tasks');
  mkdirSync(suite);
  const source = readFileSync(resolve(import.meta.dirname, '../../tasks/codebench/python/bankers-round-cents.yaml'), 'utf8');
  for (const slug of ['solved', 'unsolved']) {
    writeFileSync(join(suite, `${slug}.yaml`), source.replace('cb/py/bankers-round-cents', `cb/py/${slug}`).replace(/^difficulty: .*$/m, 'difficulty: easy'));
  }
  const db = join(dir, 'results.db');
  const store = openStore(db);
  const models = ['scripted:a', 'scripted:b', 'scripted:c'].map((name) => configOf(name));
  const spec: RunSpec = { name: 'night', models, suites: [suite], samples: 2, concurrency: 1, sandbox: 'bwrap', harnessVersion: 'test', corpusHash: 'h' };
  const runId = store.createRun(spec, { host: 'test' });
  const record = (configId: string, taskId: string, sampleIndex: number, verdict: Verdict) =>
    store.recordSample({ runId, configId, taskId, sampleIndex, verdict, detail: '', rawCompletion: '', usage: {}, attempts: 1, createdAt: '2026-12-04T00:00:00Z' });
  for (const m of models) {
    record(m.configId, 'cb/py/solved', 0, 'pass');
    record(m.configId, 'cb/py/solved', 1, m.name === 'scripted:c' ? 'fail' : 'pass');
    record(m.configId, 'cb/py/unsolved', 0, 'fail');
    record(m.configId, 'cb/py/unsolved', 1, 'unscored');
  }
  store.close();
  return { suite, db };
}

describe('codebench tasks difficulty', () => {
  it('measures each task’s solve rate over the stored models and, with --write, puts the label in its file', async () => {
    const { suite, db } = fixture();
    const dry = await cli('tasks', 'difficulty', '--suite', suite, '--db', db);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/cb\/py\/solved\s+easy\s+3\s+83%\s+easy/);
    expect(dry.stdout).toMatch(/cb\/py\/unsolved\s+easy\s+3\s+0%\s+hard/);
    expect(dry.stdout).toContain('2 of 2 tasks measured by at least 3 model config(s); 1 differ from the stated difficulty (--write updates the task files)');
    expect(readFileSync(join(suite, 'unsolved.yaml'), 'utf8')).toMatch(/^difficulty: easy$/m);

    const written = await cli('tasks', 'difficulty', '--suite', suite, '--db', db, '--write');
    expect(written.stdout).toContain('1 differ from the stated difficulty, written to their files');
    expect(readFileSync(join(suite, 'unsolved.yaml'), 'utf8')).toMatch(/^difficulty: hard$/m);
    const listed = JSON.parse((await cli('tasks', 'list', '--suite', suite, '--json')).stdout) as { id: string; difficulty: string }[];
    expect(listed.map((t) => [t.id, t.difficulty])).toEqual([['cb/py/solved', 'easy'], ['cb/py/unsolved', 'hard']]);
  });

  it('gives no label below --min-models, and names a bad flag', async () => {
    const { suite, db } = fixture();
    const json = JSON.parse((await cli('tasks', 'difficulty', '--suite', suite, '--db', db, '--min-models', '4', '--json')).stdout) as { measured: string | null; models: number }[];
    expect(json.map((t) => [t.models, t.measured])).toEqual([[3, null], [3, null]]);
    const bad = await cli('tasks', 'difficulty', '--suite', suite, '--db', db, '--min-models', '0');
    expect(bad).toMatchObject({ code: 2, stderr: 'codebench: --min-models 0: expected an integer from 1 and up\n' });
  });
});
