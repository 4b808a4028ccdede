import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../core/errors.ts';
import type { Task, TaskSource } from '../core/task.ts';
import { verifyCached } from '../tasks/fetch-dataset.ts';
import { filterSince } from '../tasks/filter-since.ts';
import { loadCorpus, loadCorpusWithWrong, type CorpusEntry } from '../tasks/load-corpus.ts';
import { isExerciseTree, loadExercises, loadExercisesWithWrong } from '../tasks/load-exercises.ts';
import { loadSetFile } from '../tasks/load-set-file.ts';
import { publicSetNames, resolveSetName } from '../tasks/public-sets.ts';

/** The corpus that ships with codebench. */
export const CORPUS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../tasks/codebench');

/** Our multi-file exercises, in Aider's polyglot layout; part of the `codebench` suite. */
export const EXERCISES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../tasks/exercises');

export interface SuiteOptions {
  /** Where `codebench tasks fetch` keeps public sets; defaults to `defaultCacheDir()`. */
  cacheDir?: string;
  /** `--allow-invalid`: skip invalid records (each reported here) instead of refusing the suite. */
  onInvalid?: (error: InputError) => void;
}

/** `$XDG_CACHE_HOME/codebench/datasets`, else `~/.cache/codebench/datasets`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME?.trim() ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'codebench', 'datasets');
}

/**
 * `codebench` (our corpus and exercises); a public set by name (`humaneval`, `humaneval+`, `mbpp+:base`,
 * `multipl-e-js`, …) from the cache that `codebench tasks fetch` fills; a folder of task files or
 * an Aider polyglot tree (`<language>/exercises/practice/<exercise>/`, or one language's folder);
 * or a data file in any supported format, optionally with `:base` or `:plus` after an EvalPlus
 * file's path. Built-in names win over files of the same name (write `./mbpp` for a file).
 */
export function loadSuite(name: string, options: SuiteOptions = {}): Task[] {
  if (name === 'codebench') return [...loadCorpus(CORPUS_DIR, 'codebench', options.onInvalid), ...loadExercises(EXERCISES_DIR, 'codebench', options.onInvalid)];
  const builtin = resolveSetName(name);
  if (builtin) {
    const cacheDir = options.cacheDir ?? defaultCacheDir();
    return builtin.sets.flatMap((set) =>
      loadSetFile(verifyCached(set, cacheDir), { format: set.format, variant: builtin.variant, suite: name, onInvalid: options.onInvalid }),
    );
  }
  const { path, variant } = splitVariant(name);
  if (!existsSync(path)) {
    throw new InputError(`--suite ${name}: no such suite or file (built in: codebench, ${publicSetNames().join(', ')})`);
  }
  if (statSync(path).isDirectory()) return isExerciseTree(path) ? loadExercises(path, name, options.onInvalid) : loadCorpus(path, name, options.onInvalid);
  return loadSetFile(path, { variant, suite: name, onInvalid: options.onInvalid });
}

/** `path/HumanEvalPlus.jsonl.gz:base` → the path and the variant, when the path exists. */
function splitVariant(name: string): { path: string; variant?: 'base' | 'plus' } {
  const match = /^(.*):(base|plus)$/.exec(name);
  if (match && !existsSync(resolve(name)) && existsSync(resolve(match[1]!))) {
    return { path: resolve(match[1]!), variant: match[2] as 'base' | 'plus' };
  }
  return { path: resolve(name) };
}

/**
 * The known-wrong solutions of a suite whose tasks carry them (our corpus and exercises, or a
 * folder of task files or exercises); empty for public sets.
 */
export function knownWrongSolutions(name: string): CorpusEntry[] {
  if (name === 'codebench') return [...loadCorpusWithWrong(CORPUS_DIR, name), ...loadExercisesWithWrong(EXERCISES_DIR, name)];
  if (!existsSync(name) || !statSync(name).isDirectory()) return [];
  return isExerciseTree(name) ? loadExercisesWithWrong(name, name) : loadCorpusWithWrong(name, name);
}

export function loadSuites(names: readonly string[], options: SuiteOptions = {}): Task[] {
  const tasks: Task[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    for (const task of loadSuite(name, options)) {
      const other = seen.get(task.id);
      if (other !== undefined) throw new InputError(`--suite ${name}: task id ${task.id} also appears in suite ${other}`);
      seen.set(task.id, name);
      tasks.push(task);
    }
  }
  return tasks;
}

/** Each file the tasks came from, once, with its content hash: for the run's metadata. */
export function taskSources(tasks: readonly Task[]): TaskSource[] {
  const seen = new Map<string, TaskSource>();
  for (const { source } of tasks) if (source && !seen.has(`${source.suite}\0${source.file}`)) seen.set(`${source.suite}\0${source.file}`, source);
  return [...seen.values()];
}

export interface RunTaskOptions {
  cacheDir?: string;
  /** Keep only tasks created on or after this date (YYYY-MM-DD). */
  since?: string;
  /** Skip invalid tasks, each named on stderr, instead of refusing to start. */
  allowInvalid?: boolean;
}

/** The tasks a run grades: its suites, minus invalid records under `--allow-invalid`, from `--since` on. */
export function loadRunTasks(suites: readonly string[], options: RunTaskOptions, warn: (text: string) => void): Task[] {
  const onInvalid = (error: InputError): void => {
    if (!options.allowInvalid) throw new InputError(`${error.message} (--allow-invalid skips invalid tasks)`, { cause: error });
    warn(`codebench: skipping an invalid task: ${error.message}\n`);
  };
  const tasks = loadSuites(suites, { cacheDir: options.cacheDir, onInvalid });
  if (options.since === undefined) return tasks;
  const fresh = filterSince(tasks, options.since);
  if (fresh.length === 0) throw new InputError(`--since ${options.since}: none of the ${tasks.length} tasks was created on or after that date`);
  return fresh;
}
