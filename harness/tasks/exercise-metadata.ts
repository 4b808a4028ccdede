import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../core/errors.ts';
import type { Difficulty, Language } from '../core/task.ts';
import { CORPUS_LANGUAGES, isIsoDate } from './task-file-schema.ts';

/** What `.meta/config.json` must say for us: Exercism's `files` lists (`blurb`, `authors`… are ignored). */
export interface ExerciseConfig {
  solution: string[];
  test: string[];
  example: string[];
}

/** `.meta/codebench.json`: our own exercises carry this; Aider's and Exercism's do not. */
export interface CodebenchMetadata {
  id: string;
  difficulty: Difficulty;
  tags: string[];
  created: string;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const metadataSchema = z.strictObject({
  id: z.string(),
  difficulty: z.enum(['easy', 'medium', 'hard']),
  tags: z.array(z.string().regex(SLUG, 'tags are lowercase kebab-case words')),
  created: z.string().refine(isIsoDate, { message: 'expected a real date written as YYYY-MM-DD' }),
});

/** Parses `.meta/config.json`; every problem is one line naming the file and the field. */
export function readExerciseConfig(file: string): ExerciseConfig {
  const raw = readJson(file);
  const files = raw.files;
  if (files === undefined) throw new InputError(`${file}: field "files": missing (Exercism's files.solution, files.test, files.example)`);
  if (files === null || typeof files !== 'object' || Array.isArray(files)) throw new InputError(`${file}: field "files": expected an object`);
  const lists = files as Record<string, unknown>;
  const list = (name: 'solution' | 'test' | 'example', required: boolean): string[] => {
    const value = lists[name];
    if (value === undefined && !required) return [];
    if (value === undefined) throw new InputError(`${file}: field "files.${name}": missing`);
    if (!Array.isArray(value)) throw new InputError(`${file}: field "files.${name}": expected a list of paths`);
    value.forEach((item, i) => {
      if (typeof item !== 'string' || item.trim() === '') throw new InputError(`${file}: field "files.${name}[${i}]": expected a path, got ${JSON.stringify(item)}`);
      if (item.startsWith('/') || item.split('/').includes('..')) throw new InputError(`${file}: field "files.${name}[${i}]": "${item}" leaves the exercise folder`);
    });
    if (required && value.length === 0) throw new InputError(`${file}: field "files.${name}": must list at least one file`);
    return value as string[];
  };
  return { solution: list('solution', true), test: list('test', true), example: list('example', false) };
}

/** Parses `.meta/codebench.json` for an exercise of `language` in folder `slug`. */
export function readCodebenchMetadata(file: string, language: Language, slug: string): CodebenchMetadata {
  const raw = readJson(file);
  const result = metadataSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.map(String).join('.') || '(file)';
    const message = issue.code === 'unrecognized_keys' ? `unknown field; allowed fields are id, difficulty, tags, created` : issue.message;
    throw new InputError(`${file}: field "${issue.code === 'unrecognized_keys' ? issue.keys[0] : field}": ${message}`);
  }
  const prefix = (CORPUS_LANGUAGES as Partial<Record<Language, string>>)[language];
  const want = `cb/${prefix ?? language}/${slug}`;
  if (result.data.id !== want) throw new InputError(`${file}: field "id": expected "${want}" (cb/<language>/<folder name>), got ${JSON.stringify(result.data.id)}`);
  return result.data;
}

function readJson(file: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${file}: missing`);
    throw new InputError(`${file}: invalid JSON: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new InputError(`${file}: expected a JSON object`);
  return raw as Record<string, unknown>;
}
