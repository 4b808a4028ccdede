import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import { formatFileAnswer } from '../core/file-answer.ts';
import { isExerciseTree, loadExercises, loadExercisesWithWrong } from './load-exercises.ts';
import { pairExamples } from './read-exercise.ts';

const FIXTURE = resolve(import.meta.dirname, '__fixtures__/polyglot');
const OURS = resolve(import.meta.dirname, '../../tasks/exercises');
const scratch = mkdtempSync(join(tmpdir(), 'codebench-exercises-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of one fixture exercise in a fresh tree, for breaking it. */
function copyOf(language: string, exercise: string): { root: string; dir: string } {
  const root = mkdtempSync(join(scratch, 'tree-'));
  const dir = join(root, language, 'exercises/practice', exercise);
  cpSync(join(FIXTURE, language, 'exercises/practice', exercise), dir, { recursive: true });
  return { root, dir };
}

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('loadExercises on an Aider polyglot tree', () => {
  const tasks = loadExercises(FIXTURE, 'polyglot');
  const byId = new Map(tasks.map((t) => [t.id, t]));

  it('reads every language folder, naming tasks <tree>/<language>/<exercise>', () => {
    expect(tasks.map((t) => t.id)).toEqual(['polyglot/python/price-per-unit', 'polyglot/javascript/shout', 'polyglot/rust/saturating-total', 'polyglot/go/trim-suffixes', 'polyglot/java/greeting']);
    expect(tasks.every((t) => t.kind === 'files' && t.suite === 'polyglot' && t.entryPoint === '')).toBe(true);
    expect(isExerciseTree(FIXTURE)).toBe(true);
    expect(isExerciseTree(join(FIXTURE, 'go'))).toBe(true);
    expect(isExerciseTree(join(FIXTURE, 'go/exercises/practice/trim-suffixes'))).toBe(false);
  });

  it('joins instructions.md and instructions.append.md into the prompt', () => {
    const task = byId.get('polyglot/python/price-per-unit')!;
    expect(task.prompt).toMatch(/^# Instructions\n\nShelf labels[\s\S]*rounding halves up\.\n\n# Instructions append\n\nRaise `ValueError`/);
    expect(task.language).toBe('python');
  });

  it('keeps stubs, tests and the other files apart, and the example as the reference answer', () => {
    const task = byId.get('polyglot/go/trim-suffixes')!;
    expect(Object.keys(task.files!.solution)).toEqual(['trim_suffixes.go']);
    expect(task.files!.solution['trim_suffixes.go']).toContain('panic("Please implement the Trim function")');
    expect(Object.keys(task.files!.test)).toEqual(['trim_suffixes_test.go']);
    // Exercism lists only the main test file; cases_test.go comes along as a support file.
    expect(Object.keys(task.files!.support).sort()).toEqual(['cases_test.go', 'go.mod']);
    const example = readFileSync(join(FIXTURE, 'go/exercises/practice/trim-suffixes/.meta/example.go'), 'utf8');
    expect(task.reference).toBe(formatFileAnswer({ 'trim_suffixes.go': example }));
    expect(task.tests).toBe(formatFileAnswer(task.files!.test));
  });

  it("pairs each language's example with its stub: Rust lib.rs, JavaScript proof.ci.js, Java reference folder", () => {
    const rust = byId.get('polyglot/rust/saturating-total')!;
    expect(Object.keys(rust.files!.solution)).toEqual(['src/lib.rs', 'Cargo.toml']);
    expect(rust.reference).toMatch(/^src\/lib\.rs\n```rust\npub fn total/);
    expect(rust.reference).not.toContain('Cargo.toml');
    expect(rust.files!.test['tests/saturating-total.rs']).toContain('#[ignore]');
    expect(byId.get('polyglot/javascript/shout')!.reference).toMatch(/^shout\.js\n```javascript\nexport const shout = \(text\) => `\$\{text\.toUpperCase\(\)\}!`;/);
    expect(byId.get('polyglot/java/greeting')!.reference).toMatch(/^src\/main\/java\/Greeting\.java\n```java\nclass Greeting/);
    expect(pairExamples(['bowling.cpp', 'bowling.h'], ['.meta/example.cpp', '.meta/example.h'])).toEqual(new Map([['bowling.cpp', '.meta/example.cpp'], ['bowling.h', '.meta/example.h']]));
    expect(pairExamples(['a.py', 'b.py'], ['.meta/example/b.py', '.meta/example/a.py'])).toEqual(new Map([['a.py', '.meta/example/a.py'], ['b.py', '.meta/example/b.py']]));
  });

  it('has no date, difficulty or known-wrong solutions for Aider exercises, and records the tree and its hash', () => {
    const task = byId.get('polyglot/python/price-per-unit')!;
    expect(task.created).toBeUndefined();
    expect(task.difficulty).toBeUndefined();
    expect(task.tags).toEqual([]);
    expect(task.origin.file).toBe(join(FIXTURE, 'python/exercises/practice/price-per-unit/.meta/config.json'));
    expect(task.source).toEqual({ suite: 'polyglot', file: FIXTURE, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(loadExercisesWithWrong(FIXTURE, 'polyglot').every((e) => e.wrong.length === 0)).toBe(true);
  });

  it('reads a single language folder, named after the tree it sits in', () => {
    expect(loadExercises(join(FIXTURE, 'rust'), 'rust-only').map((t) => t.id)).toEqual(['polyglot/rust/saturating-total']);
  });

  it('changes the content hash when a file changes', () => {
    const { root, dir } = copyOf('python', 'price-per-unit');
    const before = loadExercises(root, 'x')[0]!.source!.sha256;
    write(join(dir, 'price_per_unit_test.py'), '# changed\n');
    expect(loadExercises(root, 'x')[0]!.source!.sha256).not.toBe(before);
  });
});

describe('malformed exercise folders: one line naming the file and field', () => {
  it('a missing config.json', () => {
    const { root, dir } = copyOf('python', 'price-per-unit');
    rmSync(join(dir, '.meta/config.json'));
    expect(errorOf(() => loadExercises(root, 'x'))).toBe(`${join(dir, '.meta/config.json')}: missing; an exercise folder needs it (files.solution, files.test)`);
  });

  it('bad JSON', () => {
    const { root, dir } = copyOf('python', 'price-per-unit');
    write(join(dir, '.meta/config.json'), '{"files": {"solution": ["a.py"],}}');
    expect(errorOf(() => loadExercises(root, 'x'))).toMatch(new RegExp(`^${escape(join(dir, '.meta/config.json'))}: invalid JSON: `));
  });

  it('a listed file that is not there, a missing list, a path leaving the folder', () => {
    const { root, dir } = copyOf('go', 'trim-suffixes');
    const config = join(dir, '.meta/config.json');
    write(config, JSON.stringify({ files: { solution: ['trim_suffixes.go', 'helpers.go'], test: ['trim_suffixes_test.go'] } }));
    expect(errorOf(() => loadExercises(root, 'x'))).toBe(`${config}: field "files.solution[1]": no such file: helpers.go`);
    write(config, JSON.stringify({ files: { solution: ['trim_suffixes.go'] } }));
    expect(errorOf(() => loadExercises(root, 'x'))).toBe(`${config}: field "files.test": missing`);
    write(config, JSON.stringify({ files: { solution: ['../../x.go'], test: ['trim_suffixes_test.go'] } }));
    expect(errorOf(() => loadExercises(root, 'x'))).toBe(`${config}: field "files.solution[0]": "../../x.go" leaves the exercise folder`);
    write(config, JSON.stringify({ blurb: 'no files' }));
    expect(errorOf(() => loadExercises(root, 'x'))).toMatch(/field "files": missing/);
  });

  it('missing instructions', () => {
    const { root, dir } = copyOf('python', 'price-per-unit');
    rmSync(join(dir, '.docs/instructions.md'));
    expect(errorOf(() => loadExercises(root, 'x'))).toBe(`${join(dir, '.docs/instructions.md')}: missing`);
  });

  it('bad codebench metadata, and a wrong solution for a file that is not a solution file', () => {
    const { root, dir } = copyOf('python', 'price-per-unit');
    const meta = join(dir, '.meta/codebench.json');
    write(meta, JSON.stringify({ id: 'cb/py/price-per-unit', difficulty: 'trivial', tags: [], created: '2026-12-04' }));
    expect(errorOf(() => loadExercises(root, 'x'))).toMatch(new RegExp(`^${escape(meta)}: field "difficulty": `));
    write(meta, JSON.stringify({ id: 'cb/py/other', difficulty: 'easy', tags: [], created: '2026-12-04' }));
    expect(errorOf(() => loadExercises(root, 'x'))).toBe(`${meta}: field "id": expected "cb/py/price-per-unit" (cb/<language>/<folder name>), got "cb/py/other"`);
    write(meta, JSON.stringify({ id: 'cb/py/price-per-unit', difficulty: 'easy', tags: [], created: '2026-12-04', extra: 1 }));
    expect(errorOf(() => loadExercises(root, 'x'))).toMatch(/field "extra": unknown field/);
    write(meta, JSON.stringify({ id: 'cb/py/price-per-unit', difficulty: 'easy', tags: ['money'], created: '2026-12-04' }));
    write(join(dir, '.meta/wrong/1/price_per_unit_test.py'), 'pass\n');
    expect(errorOf(() => loadExercises(root, 'x'))).toMatch(/wrong\/1\/price_per_unit_test\.py: not a solution file of this exercise \(files\.solution: price_per_unit\.py\)$/);
  });

  it('reports and skips an invalid exercise with onInvalid', () => {
    const { root, dir } = copyOf('python', 'price-per-unit');
    cpSync(join(FIXTURE, 'python/exercises/practice/price-per-unit'), join(root, 'python/exercises/practice/a-broken-one'), { recursive: true });
    rmSync(join(root, 'python/exercises/practice/a-broken-one/.meta/config.json'));
    const problems: string[] = [];
    const tasks = loadExercises(root, 'x', (e) => problems.push(e.message));
    expect(tasks.map((t) => t.id)).toEqual([`${root.split('/').at(-1)}/python/price-per-unit`]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/a-broken-one\/\.meta\/config\.json: missing/);
    expect(dir).toBeTruthy();
  });

  it('a folder that is no exercise tree, and one whose name is not a language', () => {
    expect(errorOf(() => loadExercises(scratch, 'x'))).toMatch(/: no exercises \(expected <language>\/exercises\/practice\/<exercise>\//);
    const odd = join(scratch, 'kotlin');
    mkdirSync(join(odd, 'exercises/practice'), { recursive: true });
    expect(errorOf(() => loadExercises(odd, 'x'))).toMatch(/its name "kotlin" is not a language/);
  });
});

describe('our own exercises (tasks/exercises)', () => {
  it('are 8 Python and 8 TypeScript exercises with codebench metadata and wrong solutions', () => {
    const entries = loadExercisesWithWrong(OURS, 'codebench');
    const count = (language: string) => entries.filter((e) => e.task.language === language).length;
    expect(count('python')).toBe(8);
    expect(count('typescript')).toBe(8);
    for (const { task, wrong } of entries) {
      expect(task.id).toMatch(/^cb\/(py|ts)\/[a-z0-9-]+$/);
      expect(task.created).toBe('2026-12-04');
      expect(task.difficulty).toBeDefined();
      expect(Object.keys(task.files!.solution).length, task.id).toBeGreaterThanOrEqual(2);
      expect(task.reference, task.id).toBeDefined();
      expect(wrong.length, task.id).toBeGreaterThanOrEqual(1);
      expect(wrong.every((w) => w !== task.reference)).toBe(true);
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
