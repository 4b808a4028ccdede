import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, posix, relative } from 'node:path';
import { InputError } from '../core/errors.ts';
import { formatFileAnswer } from '../core/file-answer.ts';
import type { Language, Task } from '../core/task.ts';
import { readCodebenchMetadata, readExerciseConfig } from './exercise-metadata.ts';

/** Exercise files are source code; anything this big is a mistake, not an exercise. */
const MAX_FILE_BYTES = 1024 * 1024;

export interface ReadExercise {
  task: Task;
  /** Known-wrong solutions (`.meta/wrong/<n>/`), as whole-file answers: the example with those files replaced. */
  wrong: string[];
  /** Every file read, by path relative to the exercise folder, for the suite's content hash. */
  read: Map<string, Buffer>;
}

/**
 * One exercise folder in Exercism's layout, as Aider's polyglot benchmark uses it:
 * `.docs/instructions.md` (after `.docs/introduction.md`, before `.docs/instructions.append.md`,
 * as Aider joins them) is the prompt; `.meta/config.json`'s `files.solution` are the stubs the
 * model replaces, `files.test` the tests, `files.example` the reference. Every other visible file
 * (`go.mod`, `Cargo.toml`, `package.json`, helpers) is written beside them as it is.
 */
export function readExercise(dir: string, options: { language: Language; suite: string; idPrefix: string }): ReadExercise {
  const slug = basename(dir);
  const read = new Map<string, Buffer>();
  const text = (rel: string, field?: string): string => {
    const file = join(dir, rel);
    if (!existsSync(file) || !statSync(file).isFile()) {
      throw new InputError(field ? `${join(dir, '.meta/config.json')}: field "${field}": no such file: ${rel}` : `${file}: missing`);
    }
    const bytes = readFileSync(file);
    if (bytes.length > MAX_FILE_BYTES) throw new InputError(`${file}: ${bytes.length} bytes, more than the ${MAX_FILE_BYTES} allowed for an exercise file`);
    read.set(rel, bytes);
    return bytes.toString('utf8');
  };
  const configFile = join(dir, '.meta/config.json');
  if (!existsSync(configFile)) throw new InputError(`${configFile}: missing; an exercise folder needs it (files.solution, files.test)`);
  read.set('.meta/config.json', readFileSync(configFile));
  const config = readExerciseConfig(configFile);
  const listed = (name: 'solution' | 'test' | 'example', paths: string[]): Record<string, string> =>
    Object.fromEntries(paths.map((p, i) => [posix.normalize(p), text(p, `files.${name}[${i}]`)]));
  const solution = listed('solution', config.solution);
  const test = listed('test', config.test);
  const example = listed('example', config.example);
  for (const path of Object.keys(test)) {
    if (path in solution) throw new InputError(`${configFile}: field "files.test": ${path} is also a solution file`);
  }

  const instructions = ['.docs/introduction.md', '.docs/instructions.md', '.docs/instructions.append.md']
    .filter((rel) => rel === '.docs/instructions.md' || existsSync(join(dir, rel)))
    .map((rel) => text(rel).trim())
    .join('\n\n');

  const metadataFile = join(dir, '.meta/codebench.json');
  const metadata = existsSync(metadataFile) ? readCodebenchMetadata(metadataFile, options.language, slug) : undefined;
  if (metadata) read.set('.meta/codebench.json', readFileSync(metadataFile));

  const pairs = pairExamples(Object.keys(solution), Object.keys(example));
  const reference = Object.fromEntries([...pairs].map(([sol, ex]) => [sol, example[ex]!]));
  const wrong = readWrong(dir, solution, reference, text);
  const support = supportFiles(dir, new Set([...Object.keys(solution), ...Object.keys(test)]), read);

  const task: Task = {
    id: metadata?.id ?? `${options.idPrefix}/${options.language}/${slug}`,
    suite: options.suite,
    kind: 'files',
    language: options.language,
    prompt: `${instructions}\n`,
    entryPoint: '',
    ...(pairs.size > 0 ? { reference: formatFileAnswer(reference) } : {}),
    tests: formatFileAnswer(test),
    ...(metadata ? { difficulty: metadata.difficulty, created: metadata.created } : {}),
    tags: metadata?.tags ?? [],
    origin: { file: configFile },
    files: { solution, test, support },
  };
  return { task, wrong, read };
}

/**
 * Which example file stands for which solution file: the same path under `.meta/example/`, then
 * the same file name (Java's `.meta/src/reference/java/X.java`), then the only pair left with one
 * extension (`.meta/example.py` for `bowling.py`, `.meta/proof.ci.js` for `bowling.js`).
 */
export function pairExamples(solution: string[], example: string[]): Map<string, string> {
  const pairs = new Map<string, string>();
  const used = new Set<string>();
  const take = (sol: string, ex: string): void => {
    pairs.set(sol, ex);
    used.add(ex);
  };
  for (const sol of solution) {
    const ex = example.find((e) => e === `.meta/example/${sol}`);
    if (ex) take(sol, ex);
  }
  const left = (): [string[], string[]] => [solution.filter((s) => !pairs.has(s)), example.filter((e) => !used.has(e))];
  for (const sol of left()[0]) {
    const same = left()[1].filter((e) => basename(e) === basename(sol));
    if (same.length === 1 && left()[0].filter((s) => basename(s) === basename(sol)).length === 1) take(sol, same[0]!);
  }
  for (const sol of left()[0]) {
    const [sols, exs] = left();
    const ext = extname(sol);
    const mine = sols.filter((s) => extname(s) === ext);
    const theirs = exs.filter((e) => extname(e) === ext);
    if (mine.length === 1 && theirs.length === 1) take(sol, theirs[0]!);
  }
  return pairs;
}

/** `.meta/wrong/<n>/<solution path>`: each folder replaces some solution files of the example. */
function readWrong(dir: string, solution: Record<string, string>, reference: Record<string, string>, text: (rel: string) => string): string[] {
  const root = join(dir, '.meta/wrong');
  if (!existsSync(root)) return [];
  const folders = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return folders.map((name) => {
    const files = walk(join(root, name)).map((abs) => relative(join(root, name), abs).split('\\').join('/'));
    if (files.length === 0) throw new InputError(`${join(root, name)}: empty; a wrong solution replaces at least one solution file`);
    const replaced: Record<string, string> = { ...reference };
    for (const rel of files) {
      if (!(rel in solution)) throw new InputError(`${join(root, name, rel)}: not a solution file of this exercise (files.solution: ${Object.keys(solution).join(', ')})`);
      replaced[rel] = text(posix.join('.meta/wrong', name, rel));
    }
    return formatFileAnswer(replaced);
  });
}

/** Visible files that are neither solution nor test files, skipping those that are not text. */
function supportFiles(dir: string, taken: Set<string>, read: Map<string, Buffer>): Record<string, string> {
  const support: Record<string, string> = {};
  for (const abs of walk(dir)) {
    const rel = relative(dir, abs).split('\\').join('/');
    if (taken.has(rel)) continue;
    const bytes = readFileSync(abs);
    // Gradle's wrapper jar and the like: the tests of those languages are not run here anyway.
    if (bytes.length > MAX_FILE_BYTES || bytes.includes(0)) continue;
    read.set(rel, bytes);
    support[rel] = bytes.toString('utf8');
  }
  return support;
}

/** Files under `dir`, sorted, skipping hidden entries (`.meta`, `.docs`, `.exercism`) and node_modules. */
export function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}
