import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExercises } from '../tasks/load-exercises.ts';
import { showExercise } from './show-exercise.ts';

const FIXTURE = resolve(import.meta.dirname, '../tasks/__fixtures__/polyglot');

describe('showExercise', () => {
  it('prints the instructions, the stubs under their paths, the tests and the other files', () => {
    const task = loadExercises(FIXTURE, 'polyglot').find((t) => t.id === 'polyglot/go/trim-suffixes')!;
    const text = showExercise(task, '');
    expect(text.startsWith(`polyglot/go/trim-suffixes (go, files)\nfrom ${task.origin.file}\n`)).toBe(true);
    expect(text).toContain('--- instructions ---\n# Instructions\n\nImplement `Trim(name string, suffixes []string) string`');
    expect(text).toContain('--- files the model edits (1), as stubs ---\ntrim_suffixes.go\n```go\npackage trimsuffixes\n');
    expect(text).toContain('--- tests (1), never replaced by an answer ---\ntrim_suffixes_test.go\n```go\npackage trimsuffixes\n');
    expect(text).toContain('--- other files ---\ncases_test.go\ngo.mod\n');
    expect(text).toContain('reference: the example solution');
    expect(text).not.toContain('strings.TrimSuffix');
  });
});
