import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../core/errors.ts';
import type { Task } from '../core/task.ts';
import { loadCorpus } from '../tasks/load-corpus.ts';
import { loadHumanEval } from '../tasks/load-humaneval.ts';

/** The corpus that ships with codebench. */
export const CORPUS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../tasks/codebench');

/** `codebench` (our corpus), a folder of task files, or a HumanEval-format `.jsonl[.gz]`. */
export function loadSuite(name: string): Task[] {
  if (name === 'codebench') return loadCorpus(CORPUS_DIR, 'codebench');
  const path = resolve(name);
  if (!existsSync(path)) throw new InputError(`--suite ${name}: no such suite or file (built in: codebench)`);
  if (statSync(path).isDirectory()) return loadCorpus(path, name);
  if (/\.jsonl(\.gz)?$/.test(path)) return loadHumanEval(path);
  throw new InputError(`--suite ${name}: expected a folder of task files or a HumanEval .jsonl/.jsonl.gz file`);
}

export function loadSuites(names: readonly string[]): Task[] {
  const tasks: Task[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    for (const task of loadSuite(name)) {
      const other = seen.get(task.id);
      if (other !== undefined) throw new InputError(`--suite ${name}: task id ${task.id} also appears in suite ${other}`);
      seen.set(task.id, name);
      tasks.push(task);
    }
  }
  return tasks;
}
