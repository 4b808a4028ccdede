import type { Task } from '../core/task.ts';
import { promptImports } from '../extract/find-definition.ts';
import type { CppToolchain, JavaToolchain, RustToolchain } from '../sandbox/toolchains.ts';
import { CPP_FLAGS, cppPreludeSource } from '../sandbox/toolchains-cpp.ts';
import { JAVAC_JVM_FLAGS } from '../sandbox/toolchains-java.ts';
import type { ScriptPlan } from './build-script.ts';
import { CPP_DRIVER, JAVA_DRIVER, rustMain } from './drivers.ts';

/** What the grader sends to the sandbox, or why it cannot: `unscored` is ours, `error` the code's. */
export type Prepared = { files: Record<string, string>; plan: ScriptPlan } | { unscored: string } | { error: string };

export interface RunBudget {
  /** CPU seconds for the test program. */
  cpuSeconds: number;
  memoryBytes: number;
}

export function cppProgram(task: Task, solution: string, toolchain: CppToolchain, budget: RunBudget): Prepared {
  const tests = cppTests(task);
  // The prelude is precompiled where it could be; inlined it means the same, only slower.
  const source = `${toolchain.prelude ? '' : cppPreludeSource()}${solution}\n\n${tests}\n`;
  const prelude = toolchain.prelude ? ['-include', toolchain.prelude] : [];
  const usesOpenssl = /#\s*include\s*[<"]openssl\//.test(source);
  if (usesOpenssl && !toolchain.openssl) return { unscored: 'OpenSSL headers are not installed: apt-get install libssl-dev' };
  if (/#\s*include\s*[<"]boost\//.test(source) && !toolchain.boost) return { unscored: 'Boost headers are not installed: apt-get install libboost-dev' };
  return {
    files: { 'main.cpp': source, 'codebench_driver.cpp': CPP_DRIVER },
    plan: {
      build: [{
        argv: [toolchain.gxx, ...CPP_FLAGS, ...prelude, '-o', '{W}/prog', 'main.cpp', 'codebench_driver.cpp', ...(usesOpenssl ? ['-lcrypto'] : [])],
        // ASCII quotes in messages, the same on every machine.
        env: { LC_ALL: 'C' },
        addressSpaceBytes: budget.memoryBytes,
      }],
      run: { argv: ['{W}/prog'], cpuSeconds: budget.cpuSeconds, addressSpaceBytes: budget.memoryBytes },
    },
  };
}

/** The tests with their `int main()` renamed for the driver, or a test main calling `testCall`. */
export function cppTests(task: Task): string {
  const header = /\bint\s+main\s*\(\s*(?:void)?\s*\)\s*\{/.exec(task.tests);
  if (!header) return `${task.tests}\n\nint codebench_test_main() {\n  ${task.testCall ?? `check(${task.entryPoint});`}\n  return 0;\n}\n`;
  const open = header.index + header[0].length - 1;
  const close = matchingBrace(task.tests, open);
  // Falling off the end of `main` returns 0, but of any other function it is undefined behaviour.
  const body = close < 0 ? task.tests.slice(open) : `${task.tests.slice(open, close)}\n  return 0;\n${task.tests.slice(close)}`;
  return `${task.tests.slice(0, header.index)}int codebench_test_main() ${body}`;
}

export function javaProgram(task: Task, solution: string, toolchain: JavaToolchain, budget: RunBudget): Prepared {
  const className = /^[ \t]*(?:public[ \t]+|final[ \t]+|abstract[ \t]+)*class[ \t]+(\w+)/m.exec(task.prompt)?.[1] ?? 'Solution';
  const imports = [...new Set([...promptImports(task.prompt, 'java').split('\n'), ...promptImports(solution, 'java').split('\n')])].filter((l) => l !== '');
  const tests = /\bclass\s+Main\b/.test(task.tests)
    ? task.tests
    : `${task.tests}\n\npublic class Main {\n    public static void main(String[] args) throws Exception {\n        ${task.testCall ?? `check(new ${className}());`}\n    }\n}\n`;
  const heapMb = Math.max(128, Math.floor(budget.memoryBytes / 2 ** 20) - 256);
  const jvm = [...JAVAC_JVM_FLAGS, `-Xmx${Math.min(heapMb, 1024)}m`, ...(toolchain.javacArchive ? [`-XX:SharedArchiveFile=${toolchain.javacArchive}`] : [])];
  return {
    files: {
      [`${className}.java`]: `${solution}\n`,
      'Main.java': `${imports.join('\n')}\n\n${tests}\n`,
      'CodebenchDriver.java': JAVA_DRIVER,
    },
    plan: {
      build: [{
        argv: [toolchain.javac, ...jvm.map((f) => `-J${f}`), '-encoding', 'UTF-8', '-nowarn', '-d', '{W}/classes', `${className}.java`, 'Main.java', 'CodebenchDriver.java'],
      }],
      run: { argv: [toolchain.java, `-Xmx${heapMb}m`, '-XX:+UseSerialGC', '-ea', '-cp', '{W}/classes', 'CodebenchDriver'], cpuSeconds: budget.cpuSeconds },
    },
  };
}

export function rustProgram(task: Task, solution: string, toolchain: RustToolchain, budget: RunBudget): Prepared {
  const { tests, calls } = rustTests(task);
  const source = `${solution}\n\n${tests}\n${rustMain(calls)}`;
  const externs: string[] = [];
  if (toolchain.crates.ok) {
    for (const [name, path] of Object.entries(toolchain.crates.value.externs)) externs.push('--extern', `${name}=${path}`);
    externs.push('-L', `dependency=${toolchain.crates.value.depsDir}`);
  } else if (/\b(?:rand|regex|md5)::|\buse\s+(?:rand|regex|md5)\b|\bextern\s+crate\s+(?:rand|regex|md5)\b/.test(source)) {
    return { unscored: toolchain.crates.reason };
  }
  return {
    files: { 'main.rs': source },
    plan: {
      build: [{
        // Debug build, as `cargo test` does: integer overflow panics. `--cfg test` keeps `mod tests`.
        argv: [toolchain.rustc, '--edition', '2021', '--cfg', 'test', '-A', 'warnings', '-C', 'debuginfo=0', '-C', 'strip=debuginfo', '-o', '{W}/prog', ...externs, 'main.rs'],
        addressSpaceBytes: Math.max(budget.memoryBytes, 2 * 2 ** 30),
      }],
      run: { argv: ['{W}/prog'], cpuSeconds: budget.cpuSeconds, addressSpaceBytes: budget.memoryBytes },
    },
  };
}

/**
 * `#[test]` functions become plain functions our `main` calls in order (a libtest harness would
 * print its own verdict before we could print the nonce). Functions inside comments are not
 * tests (Rust/32's whole test is commented out upstream), and a comment may sit between the
 * attribute and the function (Rust/50). Without any test functions, `main` runs `testCall`.
 */
export function rustTests(task: Task): { tests: string; calls: string[] } {
  const calls: string[] = [];
  const inModule = /\bmod\s+tests\b/.test(task.tests);
  // Same offsets as the tests, with comments blanked, so matches map back onto the original.
  const code = task.tests.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  let tests = '';
  let done = 0;
  for (const match of code.matchAll(/#\[test\]\s*(?:pub(?:\([^)]*\))?\s+)?fn\s+(\w+)/g)) {
    const name = match[1]!;
    calls.push(`${inModule ? 'tests::' : ''}${name}();`);
    tests += `${task.tests.slice(done, match.index)}pub(crate) fn ${name}`;
    done = match.index + match[0].length;
  }
  tests += task.tests.slice(done);
  if (calls.length === 0 && task.testCall !== '') calls.push(task.testCall ?? `check(${task.entryPoint});`);
  return { tests, calls };
}

/** Index of the `}` closing the `{` at `open`, skipping strings, characters and comments; -1 if none. */
export function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (c === '/' && text[i + 1] === '*') i = text.indexOf('*/', i + 2) < 0 ? text.length : text.indexOf('*/', i + 2) + 1;
    else if (c === '"' || c === "'") i = skipQuoted(text, i);
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

function skipQuoted(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote || text[i] === '\n') return i;
  }
  return text.length;
}
