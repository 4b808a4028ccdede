import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpus, loadCorpusWithWrong, MAX_TASK_FILE_BYTES } from './load-corpus.ts';
import { corpusErrorOf, writeUnder } from './test-corpus-dir.ts';

const CORPUS = fileURLToPath(new URL('../../tasks/codebench', import.meta.url));

describe('the shipped corpus', () => {
  const entries = loadCorpusWithWrong(CORPUS);
  const tasks = entries.map((entry) => entry.task);

  it('has at least 14 tasks per language with unique ids', () => {
    expect(tasks.filter((t) => t.language === 'python').length).toBeGreaterThanOrEqual(14);
    expect(tasks.filter((t) => t.language === 'typescript').length).toBeGreaterThanOrEqual(14);
    expect(new Set(tasks.map((t) => t.id)).size).toBe(tasks.length);
  });

  it('names every file after its slug and keeps languages in their folders', () => {
    for (const task of tasks) {
      expect(basename(task.origin.file)).toBe(`${task.id.split('/')[2]}.yaml`);
      expect(task.origin.file).toContain(`/${task.language}/`);
      expect(task.origin.line).toBe(1);
    }
  });

  it('maps fields onto Task and keeps every wrong solution', () => {
    for (const { task, wrong } of entries) {
      expect(task.suite).toBe('codebench');
      if (task.kind === 'program') {
        expect(task.cases!.length).toBeGreaterThanOrEqual(8);
        expect([task.entryPoint, task.tests]).toEqual(['', '']);
      } else {
        expect(task.kind).toBe('function');
        expect(task.reference).toContain(task.entryPoint);
        // Python and TypeScript tests define check(candidate); the compiled languages run themselves.
        expect(task.tests).toMatch(task.testCall === '' ? /Test\w*\(t \*testing\.T\)|#\[test\]|int main\(|static void main\(/ : /\bcheck\b/);
      }
      expect(task.created).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['easy', 'medium', 'hard']).toContain(task.difficulty);
      expect(wrong.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('returns tasks sorted by path and honours the suite argument', () => {
    const files = tasks.map((t) => t.origin.file);
    expect(files).toEqual([...files].sort());
    expect(loadCorpus(CORPUS, 'mine').every((t) => t.suite === 'mine')).toBe(true);
  });
});

const VALID = `id: cb/py/sample
kind: function
language: python
difficulty: easy
tags: [demo]
created: 2026-11-22
entry_point: sample
prompt: |
  def sample(x: int) -> int:
      """Return x."""
reference: |
  def sample(x: int) -> int:
      return x
tests: |
  def check(candidate):
      assert candidate(1) == 1
wrong:
  - |
    def sample(x: int) -> int:
        return 0
`;

describe('malformed task files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'codebench-corpus-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, content: string | Buffer): string => writeUnder(dir, name, content);
  const errorOf = (): string => corpusErrorOf(dir);

  it('loads a valid file', () => {
    write('python/sample.yaml', VALID);
    const [task] = loadCorpus(dir);
    expect(task).toMatchObject({ id: 'cb/py/sample', entryPoint: 'sample', tags: ['demo'], created: '2026-11-22' });
    expect(loadCorpusWithWrong(dir)[0]?.wrong).toHaveLength(1);
  });

  it('reports YAML syntax errors with file and line', () => {
    const file = write('python/sample.yaml', VALID.replace('tags: [demo]', 'tags: [demo'));
    expect(errorOf()).toMatch(new RegExp(`^${file}:\\d+: invalid YAML: `));
  });

  it('reports duplicate keys with their line', () => {
    const file = write('python/sample.yaml', VALID.replace('kind: function\n', 'kind: function\nkind: function\n'));
    expect(errorOf()).toMatch(new RegExp(`^${file}:3: invalid YAML: .*unique`));
  });

  it('reports a missing field', () => {
    const file = write('python/sample.yaml', VALID.replace(/tests: \|\n(  .*\n)+/, ''));
    expect(errorOf()).toBe(`${file}:1: field "tests": missing required field`);
  });

  it('reports a wrong enum value with the allowed values', () => {
    const file = write('python/sample.yaml', VALID.replace('difficulty: easy', 'difficulty: trivial'));
    expect(errorOf()).toBe(`${file}:4: field "difficulty": expected one of easy, medium, hard, got "trivial"`);
  });

  it('rejects unknown fields', () => {
    const file = write('python/sample.yaml', VALID.replace('kind: function\n', 'kind: function\nauthor: me\n'));
    expect(errorOf()).toMatch(new RegExp(`^${file}:3: field "author": unknown field`));
  });

  it('rejects impossible and non-ISO dates', () => {
    const file = write('python/sample.yaml', VALID.replace('2026-11-22', '2026-02-30'));
    expect(errorOf()).toMatch(new RegExp(`^${file}:6: field "created": .*YYYY-MM-DD, got "2026-02-30"`));
    write('python/sample.yaml', VALID.replace('2026-11-22', '22/11/2026'));
    expect(errorOf()).toMatch(/:6: field "created"/);
  });

  it('requires the entry point to be declared in the prompt', () => {
    const file = write('python/sample.yaml', VALID.replace('entry_point: sample', 'entry_point: other'));
    expect(errorOf()).toMatch(new RegExp(`^${file}:7: field "entry_point": "other" is not declared in prompt`));
  });

  it('reports a wrongly typed list item by index', () => {
    const file = write('python/sample.yaml', VALID.replace('wrong:\n', 'wrong:\n  - 42\n'));
    expect(errorOf()).toBe(`${file}:18: field "wrong[0]": expected string, got number 42`);
  });

  it('requires the id to match the language and the file name', () => {
    write('python/sample.yaml', VALID.replace('cb/py/sample', 'cb/ts/sample'));
    expect(errorOf()).toMatch(/sample\.yaml:1: field "id": a python task id must start with cb\/py\//);
    write('python/sample.yaml', VALID.replace('cb/py/sample', 'cb/py/other'));
    expect(errorOf()).toMatch(/sample\.yaml:1: field "id": slug "other" must equal the file name "sample"/);
    write('python/sample.yaml', VALID.replace('cb/py/sample', 'cb/py/Sample_1'));
    expect(errorOf()).toMatch(/sample\.yaml:1: field "id": expected cb\/<py\|ts\|go\|rs\|cpp\|java>\/<slug> with a lowercase kebab-case slug, got "cb\/py\/Sample_1"/);
  });

  it('names both files for a duplicate id', () => {
    const first = write('a/sample.yaml', VALID);
    const second = write('b/sample.yaml', VALID);
    expect(errorOf()).toBe(`${second}:1: field "id": duplicate id "cb/py/sample", already used by ${first}`);
  });

  it('rejects an empty directory, a missing one and a directory without task files', () => {
    expect(errorOf()).toBe(`${dir}: no task files (*.yaml, *.yml) found`);
    write('notes.txt', 'not a task');
    write('.hidden/sample.yaml', VALID);
    expect(errorOf()).toBe(`${dir}: no task files (*.yaml, *.yml) found`);
    expect(() => loadCorpus(join(dir, 'nope'))).toThrow(/nope: no such directory/);
  });

  it('rejects documents that are not a mapping', () => {
    const list = write('python/sample.yaml', '- id: cb/py/sample\n- kind: function\n');
    expect(errorOf()).toBe(`${list}:1: expected a mapping of task fields, got a list`);
    write('python/sample.yaml', 'just a string\n');
    expect(errorOf()).toMatch(/sample\.yaml:1: expected a mapping of task fields, got "just a string"/);
    write('python/sample.yaml', '# only a comment\n');
    expect(errorOf()).toMatch(/sample\.yaml: file is empty/);
    write('python/sample.yaml', `${VALID}---\n${VALID}`);
    expect(errorOf()).toMatch(/sample\.yaml:\d+: invalid YAML: .*multiple documents/);
  });

  it('rejects huge and binary files without parsing them', () => {
    const huge = write('python/sample.yaml', `${VALID}# ${'x'.repeat(MAX_TASK_FILE_BYTES)}\n`);
    expect(errorOf()).toMatch(new RegExp(`^${huge}: file is \\d+ bytes, more than the ${MAX_TASK_FILE_BYTES}`));
    const binary = write('python/sample.yaml', Buffer.concat([Buffer.from('id: cb/py/sample\nkind: '), Buffer.from([0, 1, 2, 255])]));
    expect(errorOf()).toBe(`${binary}:2: binary data (NUL byte); a task file must be UTF-8 text`);
    write('python/sample.yaml', Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xc3, 0x28, 0x0a]));
    expect(errorOf()).toMatch(/sample\.yaml: not valid UTF-8 text/);
  });

  it('reports alias problems instead of crashing', () => {
    write('python/sample.yaml', `${VALID}x: *nowhere\n`);
    expect(errorOf()).toMatch(/sample\.yaml: invalid YAML: .*alias/i);
  });
});
