// Test support for the corpus loader's tests: files under a temp dir, and the one-line error it gives.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { InputError } from '../core/errors.ts';
import { loadCorpus } from './load-corpus.ts';

/** Writes `content` to `name` under `dir`, making folders; returns the file's path. */
export function writeUnder(dir: string, name: string, content: string | Buffer): string {
  const file = join(dir, name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, content);
  return file;
}

/** Loads `dir` and returns the InputError message, failing if it is not exactly one line. */
export function corpusErrorOf(dir: string): string {
  try {
    loadCorpus(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected loadCorpus to throw');
}
