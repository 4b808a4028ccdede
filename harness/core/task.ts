/** Languages the grader knows how to run. */
export type Language = 'python' | 'typescript' | 'javascript' | 'cpp' | 'rust' | 'go' | 'java';

export const LANGUAGES: readonly Language[] = ['python', 'typescript', 'javascript', 'cpp', 'rust', 'go', 'java'];

/**
 * `function`: complete a function from its signature and docstring; hidden tests call it.
 * `program`: a whole program that reads stdin and writes stdout, checked against `cases`.
 * `files`: a multi-file exercise (Aider polyglot / Exercism layout): the model returns whole
 * solution files, the exercise's own test files run against them (see `files`).
 */
export type TaskKind = 'function' | 'program' | 'files';

export type Difficulty = 'easy' | 'medium' | 'hard';

/** One coding problem, from our corpus or an imported public set. */
export interface Task {
  /** Stable and unique across suites, e.g. `cb/py/run-length-decode` or `HumanEval/0`. */
  id: string;
  /** The suite it belongs to, e.g. `codebench`, `humaneval`. */
  suite: string;
  kind: TaskKind;
  language: Language;
  /** What the model is shown: signature plus docstring, or a statement. */
  prompt: string;
  /** The function the tests call (function tasks). */
  entryPoint: string;
  /**
   * A known-good answer, written the way a model would answer: either the body that continues
   * the prompt (HumanEval's `canonical_solution`) or the whole function.
   */
  reference?: string;
  /** Hidden test code; it defines `check(candidate)` unless `testCall` says otherwise. */
  tests: string;
  /** The statement that runs the tests; `undefined` means `check(<entryPoint>)`. */
  testCall?: string;
  difficulty?: Difficulty;
  tags: string[];
  /** ISO date the problem was written or released; lets results be limited to fresh problems. */
  created?: string;
  /** Where the task came from, for error messages and provenance. */
  origin: { file: string; line?: number };
  /** The file the task was imported from and its content hash, recorded in run metadata. */
  source?: TaskSource;
  /** Absolute tolerance for float outputs (EvalPlus `atol`); the hidden tests apply it. */
  atol?: number;
  /** stdin/stdout cases (`program` tasks): the program reads `input` and must print `output`. */
  cases?: ProgramCase[];
  /** The exercise's files (`files` tasks); `prompt` is then its instructions. */
  files?: ExerciseFiles;
}

/**
 * A multi-file exercise's files, each by its path relative to the exercise folder. `reference`
 * holds the example solution and `tests` the test files, both as a whole-file answer
 * (`formatFileAnswer`), so the reference model and the run's corpus hash need nothing new.
 */
export interface ExerciseFiles {
  /** The files the model may replace, with their stub contents. */
  solution: Record<string, string>;
  /** The test files; an answer can never replace them. */
  test: Record<string, string>;
  /** Other files the tests need (helpers, build files), written to the workspace as they are. */
  support: Record<string, string>;
}

export interface TaskSource {
  /** The suite name the file was loaded as, e.g. `humaneval+` or a path. */
  suite: string;
  file: string;
  /** sha256 of the file's bytes as stored (for `.gz`, the compressed bytes). */
  sha256: string;
}

export interface ProgramCase {
  input: string;
  output: string;
}
