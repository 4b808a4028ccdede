import type { Task } from '../core/task.ts';
import type { GoToolchain } from '../sandbox/toolchains.ts';
import { GO_HELPER_PACKAGES, goEnv } from '../sandbox/toolchains-go.ts';
import type { Prepared, RunBudget } from './compiled-programs.ts';
import { GO_DRIVER } from './drivers.ts';

interface ImportSpec {
  path: string;
  /** `m` in `import m "math"`, `_`, `.`, or undefined. */
  alias: string | undefined;
}

/**
 * One test file, `package main` + imports + solution + tests, built with `go test -c` and run with
 * our TestMain. Go rejects unused imports, and HumanEval-X prompts import packages their canonical
 * solutions do not use (Go/27, /32, /38, /90, /108) or leave out ones they do (Go/65), so, as
 * CodeGeeX does, the import list is rebuilt: every package the prompt, the code, the tests or the
 * helper list names is imported exactly when the code refers to it.
 */
export function goProgram(task: Task, solution: string, toolchain: GoToolchain, budget: RunBudget): Prepared {
  const source = `${solution}\n\n${task.tests}`;
  if (/"github\.com\/stretchr\/testify\//.test(source) && !toolchain.testify) {
    return { unscored: 'testify is not installed: apt-get install golang-github-stretchr-testify-dev' };
  }
  const file = goTestFile(solution, task.tests);
  const env = goEnv(toolchain.gopath, '{W}/gocache', '{W}');
  return {
    files: { 'main_test.go': file, 'codebench_main_test.go': GO_DRIVER },
    plan: {
      prepare: toolchain.warmCache ? [{ argv: ['cp', '-R', toolchain.warmCache, '{W}/gocache'] }] : [],
      build: [{
        argv: [toolchain.go, 'test', '-vet=off', '-c', '-o', '{W}/prog', 'main_test.go', 'codebench_main_test.go'],
        env,
        addressSpaceBytes: Math.max(budget.memoryBytes, 2 * 2 ** 30),
      }],
      run: { argv: ['{W}/prog', '-test.paniconexit0'], cpuSeconds: budget.cpuSeconds, addressSpaceBytes: Math.max(budget.memoryBytes, 2 ** 30) },
    },
  };
}

export function goTestFile(solution: string, tests: string): string {
  const explicit: ImportSpec[] = [];
  const strip = (text: string): string =>
    removeImports(text.replace(/^[ \t]*package[ \t]+\w+[ \t]*$/m, ''), explicit);
  const body = `${strip(solution)}\n\n${strip(tests)}`;
  const code = withoutCommentsAndStrings(body);
  const chosen = new Map<string, ImportSpec>();
  const candidates = [...explicit, ...GO_HELPER_PACKAGES.map((path) => ({ path, alias: undefined }))];
  for (const spec of candidates) {
    const name = spec.alias ?? spec.path.split('/').at(-1)!;
    if (spec.alias === '_' || spec.alias === '.') {
      chosen.set(`${spec.alias} ${spec.path}`, spec);
      continue;
    }
    if (chosen.has(name) || !new RegExp(`(?<![\\w.])${escape(name)}\\.`).test(code)) continue;
    chosen.set(name, spec);
  }
  const lines = [...chosen.values()].map((s) => `\t${s.alias ? `${s.alias} ` : ''}"${s.path}"`);
  const imports = lines.length > 0 ? `import (\n${lines.join('\n')}\n)\n` : '';
  return `package main\n\n${imports}\n${body.trim()}\n`;
}

/** Deletes top-level import declarations from `text`, collecting their specs. */
function removeImports(text: string, into: ImportSpec[]): string {
  const spec = /^[ \t]*(?:([\w.]+)[ \t]+)?"([^"\n]+)"/;
  return text
    .replace(/^import[ \t]*\(([\s\S]*?)\)[ \t]*$/gm, (_all, group: string) => {
      for (const line of group.split(/[\n;]/)) {
        const match = spec.exec(line);
        if (match) into.push({ alias: match[1], path: match[2]! });
      }
      return '';
    })
    .replace(/^import[ \t]+(?:([\w.]+)[ \t]+)?"([^"\n]+)"[ \t]*;?[ \t]*$/gm, (_all, alias: string | undefined, path: string) => {
      into.push({ alias, path });
      return '';
    });
}

function withoutCommentsAndStrings(text: string): string {
  return text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`[^`]*`/g, ' ');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
