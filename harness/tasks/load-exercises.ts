import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../core/errors.ts';
import { LANGUAGES, type Language, type Task } from '../core/task.ts';
import { readExercise } from './read-exercise.ts';

/** An exercise with the known-wrong solutions its tests must reject (the shape `loadCorpusWithWrong` gives). */
export interface ExerciseEntry {
  task: Task;
  wrong: string[];
}

const PRACTICE = join('exercises', 'practice');

/**
 * True for a folder in Aider's polyglot layout: `<root>/<language>/exercises/practice/<exercise>/`,
 * or one language's folder (`<root>/python`) holding `exercises/practice/`.
 */
export function isExerciseTree(dir: string): boolean {
  if (existsSync(join(dir, PRACTICE))) return true;
  return LANGUAGES.some((language) => existsSync(join(dir, language, PRACTICE)));
}

/** Every exercise of an Aider-layout tree, as `files` tasks. */
export function loadExercises(root: string, suite: string, onInvalid?: (error: InputError) => void): Task[] {
  return loadExercisesWithWrong(root, suite, onInvalid).map((entry) => entry.task);
}

/**
 * Like `loadExercises`, keeping each exercise's known-wrong solutions. Exercises carrying
 * `.meta/codebench.json` take their id from it (`cb/py/<slug>`); the others are named
 * `<tree>/<language>/<exercise>`, where `<tree>` is the tree's folder name (`polyglot-benchmark`).
 * An invalid exercise throws one line naming the file and field, or with `onInvalid` is reported
 * there and skipped.
 */
export function loadExercisesWithWrong(root: string, suite: string, onInvalid?: (error: InputError) => void): ExerciseEntry[] {
  const languages = languageFolders(root);
  const entries: ExerciseEntry[] = [];
  const firstOfId = new Map<string, string>();
  const hashes: string[] = [];
  for (const { language, dir, treeName } of languages) {
    const practice = join(dir, PRACTICE);
    const exercises = readdirSync(practice, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
    for (const name of exercises) {
      const folder = join(practice, name);
      try {
        const { task, wrong, read } = readExercise(folder, { language, suite, idPrefix: treeName });
        const previous = firstOfId.get(task.id);
        if (previous !== undefined) throw new InputError(`${task.origin.file}: duplicate id "${task.id}", already used by ${previous}`);
        firstOfId.set(task.id, task.origin.file);
        for (const [rel, bytes] of [...read.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
          hashes.push(`${language}/${name}/${rel}\0${createHash('sha256').update(bytes).digest('hex')}`);
        }
        entries.push({ task, wrong });
      } catch (error) {
        if (!(error instanceof InputError) || onInvalid === undefined) throw error;
        onInvalid(error);
      }
    }
  }
  const source = { suite, file: root, sha256: createHash('sha256').update(hashes.join('\n')).digest('hex') };
  return entries.map((entry) => ({ ...entry, task: { ...entry.task, source } }));
}

interface LanguageFolder {
  language: Language;
  dir: string;
  treeName: string;
}

function languageFolders(root: string): LanguageFolder[] {
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new InputError(`${root}: no such directory`);
  const abs = resolve(root);
  if (existsSync(join(root, PRACTICE))) {
    const language = basename(abs);
    if (!(LANGUAGES as readonly string[]).includes(language)) {
      throw new InputError(`${root}: holds exercises/practice, but its name "${language}" is not a language (${LANGUAGES.join(', ')})`);
    }
    return [{ language: language as Language, dir: root, treeName: basename(dirname(abs)) }];
  }
  const found = LANGUAGES.filter((language) => existsSync(join(root, language, PRACTICE))).map((language) => ({ language, dir: join(root, language), treeName: basename(abs) }));
  if (found.length === 0) throw new InputError(`${root}: no exercises (expected <language>/exercises/practice/<exercise>/ for ${LANGUAGES.join(', ')})`);
  return found;
}
