import type { Language } from '../core/task.ts';
import { transpileTypeScript } from '../sandbox/transpile-typescript.ts';
import { goEnv } from '../sandbox/toolchains-go.ts';
import { checkerArgs } from '../sandbox/toolchains-typescript.ts';
import type { Toolchains } from '../sandbox/toolchains.ts';
import type { Prepared, RunBudget } from './compiled-programs.ts';
import { GO_TEST_MAIN_FILE, goTestMain, NODE_TEST_FILE, nodeTestDriver, PYTHON_UNITTEST_DRIVER, PYTHON_UNITTEST_FILE } from './files-drivers.ts';
import { rustExercise } from './rust-exercise.ts';

/** One exercise's workspace: every file by path, and which of them are the tests. */
export interface ExerciseRun {
  language: Language;
  files: Record<string, string>;
  /** The exercise's stubs, to tell what the exercise needs from what an answer added. */
  stubs: Record<string, string>;
  testFiles: string[];
}

/** How each language's exercise tests run, or why they cannot run here (`unscored`). */
export async function prepareExercise(run: ExerciseRun, toolchains: Toolchains, budget: RunBudget): Promise<Prepared> {
  switch (run.language) {
    case 'python':
      return pythonExercise(run, budget);
    case 'typescript': {
      const toolchain = await toolchains.typescript();
      if (!toolchain.ok) return { unscored: toolchain.reason };
      return typeScriptExercise(run, toolchain.value.node, checkerArgs(toolchain.value.checker, TS_CHECK_FILE), budget);
    }
    case 'go': {
      const toolchain = await toolchains.go();
      if (!toolchain.ok) return { unscored: toolchain.reason };
      return goExercise(run, toolchain.value, budget);
    }
    case 'rust': {
      const toolchain = await toolchains.rust();
      if (!toolchain.ok) return { unscored: toolchain.reason };
      return rustExercise(run.files, run.stubs, run.testFiles, toolchain.value, budget);
    }
    case 'javascript':
      return { unscored: 'JavaScript exercises are tested with jest, which codebench does not ship' };
    case 'cpp':
      return { unscored: 'C++ exercises are tested with Catch2, which codebench does not ship' };
    case 'java':
      return { unscored: 'Java exercises are tested with JUnit through Gradle, which codebench does not ship' };
  }
}

/** `python3 -m unittest <test modules>`, through a driver that adds the nonce. */
function pythonExercise(run: ExerciseRun, budget: RunBudget): Prepared {
  const modules = run.testFiles.filter((f) => f.endsWith('.py')).map((f) => f.replace(/\.py$/, '').split('/').join('.'));
  if (modules.length === 0) return { unscored: 'this Python exercise has no test files (*.py)' };
  return {
    files: { ...run.files, [PYTHON_UNITTEST_FILE]: PYTHON_UNITTEST_DRIVER },
    plan: { build: [], run: { argv: ['python3', '-I', '-B', '-u', PYTHON_UNITTEST_FILE, ...modules], cpuSeconds: budget.cpuSeconds } },
  };
}

const TS_CHECK_FILE = 'codebench_check.ts';

/**
 * Every `.ts` file is transpiled here (CommonJS, as for function tasks) and type-checked with
 * `--strict` in the sandbox through one root that imports them all; type errors are failures.
 * The tests use node:test and node:assert/strict and run in one Node process.
 */
function typeScriptExercise(run: ExerciseRun, node: string, checker: string[], budget: RunBudget): Prepared {
  const sources = Object.keys(run.files).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  const tests = run.testFiles.filter((f) => f.endsWith('.ts'));
  if (tests.length === 0) return { unscored: 'this TypeScript exercise has no test files (*.ts)' };
  const out: Record<string, string> = { ...run.files };
  for (const file of sources) {
    const { js, errors } = transpileTypeScript(run.files[file]!, file);
    if (errors.length > 0) return { error: `TypeScript syntax error in ${file}: ${errors[0]}` };
    out[file.replace(/\.ts$/, '.js')] = js;
  }
  out[TS_CHECK_FILE] = sources.map((f) => `import './${f.replace(/\.ts$/, '')}';\n`).join('');
  out[NODE_TEST_FILE] = nodeTestDriver(tests.map((f) => f.replace(/\.ts$/, '.js')));
  const heapMb = Math.max(64, Math.floor(budget.memoryBytes / 2 ** 20) - 64);
  return {
    files: out,
    plan: {
      build: [{ argv: [node, ...checker] }],
      run: { argv: [node, `--max-old-space-size=${heapMb}`, '--test-reporter=spec', '--test-reporter-destination=stderr', NODE_TEST_FILE], cpuSeconds: budget.cpuSeconds },
    },
  };
}

/** `go test` of the exercise's package, GOPATH-style with no module downloads, plus our TestMain. */
function goExercise(run: ExerciseRun, toolchain: { go: string; gopath: string; warmCache: string | undefined }, budget: RunBudget): Prepared {
  const goFiles = Object.keys(run.files).filter((f) => f.endsWith('.go') && !f.includes('/'));
  const testFile = run.testFiles.find((f) => f.endsWith('_test.go'));
  if (!testFile) return { unscored: 'this Go exercise has no test files (*_test.go)' };
  const pkg = /^\s*package\s+(\w+)/m.exec(run.files[testFile] ?? '')?.[1];
  if (!pkg) return { error: `${testFile} has no package clause` };
  if (goFiles.some((f) => /^func\s+TestMain\s*\(/m.test(run.files[f] ?? ''))) return { unscored: 'this Go exercise defines its own TestMain' };
  return {
    files: { ...run.files, [GO_TEST_MAIN_FILE]: goTestMain(pkg) },
    plan: {
      prepare: toolchain.warmCache ? [{ argv: ['cp', '-R', toolchain.warmCache, '{W}/gocache'] }] : [],
      build: [{
        argv: [toolchain.go, 'test', '-vet=off', '-c', '-o', '{W}/prog', '.'],
        env: goEnv(toolchain.gopath, '{W}/gocache', '{W}'),
        addressSpaceBytes: Math.max(budget.memoryBytes, 2 * 2 ** 30),
      }],
      run: { argv: ['{W}/prog', '-test.paniconexit0'], cpuSeconds: budget.cpuSeconds, addressSpaceBytes: Math.max(budget.memoryBytes, 2 ** 30) },
    },
  };
}
