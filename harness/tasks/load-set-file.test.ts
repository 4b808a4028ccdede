import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ERRATA } from './errata.ts';
import { HUMANEVAL_X_KNOWN_FAILURES, HUMANEVAL_X_TEST_NOTES } from './load-humaneval-x.ts';
import { detectFormat, loadSetFile } from './load-set-file.ts';
import { PUBLIC_SETS, resolveSetName } from './public-sets.ts';
import { sharedDataset } from './test-datasets.ts';

const FILES = [
  ['humaneval/HumanEval.jsonl.gz', 'humaneval'],
  ['humaneval-x/humaneval_js.jsonl.gz', 'humaneval-x'],
  ['evalplus/HumanEvalPlus.jsonl.gz', 'evalplus'],
  ['evalplus/MbppPlus.jsonl.gz', 'evalplus'],
  ['mbpp/mbpp.jsonl', 'mbpp'],
  ['mbpp/sanitized-mbpp.json', 'mbpp'],
  ['multipl-e/mbpp-ts-reworded.jsonl', 'multipl-e'],
] as const;
const dir = mkdtempSync(path.join(tmpdir(), 'codebench-set-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('detectFormat', () => {
  it.each(FILES)('tells %s is %s', (relative, format) => {
    const file = sharedDataset(relative, 'load-set-file.test');
    if (file.missing) return;
    expect(detectFormat(file.path)).toBe(format);
  });

  it('detects the LiveCodeBench fixture, and names the keys of an unknown format', () => {
    expect(detectFormat(path.join(import.meta.dirname, '__fixtures__', 'livecodebench-sample.jsonl'))).toBe('livecodebench');
    const odd = path.join(dir, 'odd.jsonl');
    writeFileSync(odd, '\n{"question": "?", "answer": 42}\n');
    expect(() => detectFormat(odd)).toThrow(`${odd}:2: unknown task format (keys question, answer); expected HumanEval, HumanEval-X, EvalPlus, MBPP, MultiPL-E or LiveCodeBench records`);
    const bad = path.join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"task_id": \n');
    expect(() => detectFormat(bad)).toThrow(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1: invalid JSON`));
  });

  it('refuses a variant on a set that has none', () => {
    const file = sharedDataset('mbpp/mbpp.jsonl', 'load-set-file.test');
    if (file.missing) return;
    expect(() => loadSetFile(file.path, { variant: 'base' })).toThrow(/:base applies only to EvalPlus files/);
  });
});

describe('built-in set names', () => {
  it('resolve to pinned files, aliases to several, variants only for EvalPlus', () => {
    expect(resolveSetName('humaneval+:base')).toEqual({ sets: [PUBLIC_SETS.find((s) => s.name === 'humaneval+')], variant: 'base' });
    expect(resolveSetName('multipl-e-js')?.sets.map((s) => s.name)).toEqual(['multipl-e-humaneval-js', 'multipl-e-mbpp-js']);
    expect(resolveSetName('nope')).toBeUndefined();
    expect(() => resolveSetName('mbpp:base')).toThrow('--suite mbpp:base: only EvalPlus sets (humaneval+, mbpp+) have :base and :plus variants');
    for (const set of PUBLIC_SETS) expect(set.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lists errata only for tasks the EvalPlus files really hold', () => {
    const ids = new Set<string>();
    for (const [relative] of FILES.filter(([, format]) => format === 'evalplus')) {
      const file = sharedDataset(relative, 'load-set-file.test');
      if (file.missing) return;
      for (const variant of ['base', 'plus'] as const) for (const task of loadSetFile(file.path, { variant })) ids.add(task.id);
    }
    // MultiPL-E and HumanEval-X ids are checked against their own files in their loaders' tests.
    const elsewhere = (id: string) => id.startsWith('MultiPL-E/') || id in HUMANEVAL_X_KNOWN_FAILURES || id in HUMANEVAL_X_TEST_NOTES;
    for (const id of Object.keys(ERRATA).filter((id) => !elsewhere(id))) expect(ids).toContain(id);
  });
});
