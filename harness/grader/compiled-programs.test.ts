import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { assembleSolution, braceBalance } from './assemble-program.ts';
import { buildScript, word } from './build-script.ts';
import { cppTests, matchingBrace, rustTests } from './compiled-programs.ts';
import { goTestFile } from './go-program.ts';
import { CPP_TASK, JAVA_TASK, RUST_TASK, TS_TASK } from './test-tasks.ts';

describe('cppTests', () => {
  it('renames the tests\' main and makes it return 0, since only main may fall off its end', () => {
    const tests = cppTests(CPP_TASK);
    expect(tests).not.toMatch(/\bint main\(/);
    expect(tests).toMatch(/int codebench_test_main\(\) \{\n    assert \(add\(1, 2\) == 3\);\n    assert \(add\(-1, 1\) == 0\);\n\n  return 0;\n\}\n$/);
  });

  it('skips braces in strings, characters and comments when finding the end of main', () => {
    const text = 'int main(){ puts("}"); char c = \'}\'; /* } */ // }\n return 0; }';
    expect(matchingBrace(text, text.indexOf('{'))).toBe(text.length - 1);
  });

  it('writes a test main around testCall when the tests have none', () => {
    expect(cppTests({ ...CPP_TASK, tests: 'void check(int (*f)(int, int)) {}', testCall: undefined })).toContain('check(add);\n  return 0;');
  });
});

describe('rustTests', () => {
  it('turns #[test] functions into calls from our main', () => {
    const { tests, calls } = rustTests(RUST_TASK);
    expect(calls).toEqual(['tests::test_add();']);
    expect(tests).toContain('pub(crate) fn test_add()');
    expect(tests).not.toContain('#[test]');
  });

  it('ignores tests in comments and finds a test with a comment before its fn (Rust/32, Rust/50)', () => {
    const tests = '/*\n#[test]\nfn old() {}\n*/\nmod tests {\n#[test]\n    // why\n    fn real() {}\n}\n';
    expect(rustTests({ ...RUST_TASK, tests }).calls).toEqual(['tests::real();']);
    expect(rustTests({ ...RUST_TASK, tests: '/*\n#[test]\nfn old() {}\n*/\n' }).calls).toEqual([]);
  });
});

describe('assembleSolution for Java, Rust and TypeScript', () => {
  it('puts a lone Java method into the prompt\'s class and closes it', () => {
    const solution = assembleSolution(JAVA_TASK, '    public int add(int a, int b) {\n        return a + b;\n    }\n');
    expect(solution.match(/class Solution/g)).toHaveLength(1);
    expect(braceBalance(solution)).toBe(0);
    expect(solution.trimEnd().endsWith('}')).toBe(true);
  });

  it('uses a restated Java class as it is, after the prompt imports', () => {
    const solution = assembleSolution(JAVA_TASK, 'public class Solution {\n    public int add(int a, int b) { return a + b; }\n}\n');
    expect(solution.startsWith('import java.util.*;\nimport java.lang.*;')).toBe(true);
    expect(solution.match(/class Solution/g)).toHaveLength(1);
  });

  it('closes braces a Java body answer left open', () => {
    const solution = assembleSolution(JAVA_TASK, '        return a + b;\n    }\n');
    expect(braceBalance(solution)).toBe(0);
    expect(solution.startsWith(JAVA_TASK.prompt)).toBe(true);
  });

  it('moves the prompt\'s Rust `use` lines into a glob-imported module for whole functions', () => {
    const solution = assembleSolution(RUST_TASK, 'use std::collections::HashMap;\nfn add(a: i32, b: i32) -> i32 { a + b }\n');
    expect(solution).toContain('mod codebench_prelude {');
    expect(solution).toContain('    pub use regex::Regex;');
    expect(solution).toContain('use codebench_prelude::*;');
    expect(solution).not.toMatch(/^use regex::Regex;/m);
  });

  it('drops the prompt\'s copy of a TypeScript type the answer restates', () => {
    const task = { ...TS_TASK, prompt: 'type Pair = [number, number];\nconst LIMIT = 3;\n\n/** Doc. */\nfunction add(a: number, b: number): number {\n' };
    const solution = assembleSolution(task, 'type Pair = [number, number];\nfunction add(a: number, b: number): number {\n  return a + b;\n}\n');
    expect(solution.match(/type Pair/g)).toHaveLength(1);
    expect(solution).toContain('const LIMIT = 3;');
  });
});

describe('goTestFile', () => {
  const tests = 'package main\n\nimport (\n    "testing"\n    "math"\n    "github.com/stretchr/testify/assert"\n)\nfunc TestF(t *testing.T) {\n    assert.Equal(t, 1, F())\n}\n';

  it('imports exactly the packages the code uses, from the prompt, the tests or the helper list', () => {
    const solution = 'import (\n    "strings"\n    "fmt"\n)\n\n// F uses math (imported by the tests only) and strconv (imported by nobody).\nfunc F() int {\n    s := strconv.Itoa(int(math.Sqrt(1)))\n    return len(s) // strings.Repeat is only in a comment\n}\n';
    const file = goTestFile(solution, tests);
    expect(file.startsWith('package main\n\nimport (\n')).toBe(true);
    const imports = file.slice(file.indexOf('(') + 1, file.indexOf(')')).trim().split('\n').map((l) => l.trim());
    expect(imports.sort()).toEqual(['"github.com/stretchr/testify/assert"', '"math"', '"strconv"', '"testing"']);
    expect(file.match(/^package /gm)).toHaveLength(1);
    expect(file.match(/^import/gm)).toHaveLength(1);
  });

  it('keeps aliases and blank imports', () => {
    const file = goTestFile('import (\n    m "math"\n    _ "embed"\n)\nfunc F() int { return int(m.Abs(-1)) }\n', tests);
    expect(file).toContain('\tm "math"');
    expect(file).toContain('\t_ "embed"');
  });
});

describe('buildScript', () => {
  it('quotes every word and expands only the scratch folder', () => {
    expect(word("it's")).toBe("'it'\\''s'");
    expect(word('{W}/prog')).toBe('"$W"\'/prog\'');
    expect(word('')).toBe("''");
  });

  it('reads the token, prints the marker on a failed build, and never runs the program then', () => {
    const plan = (build: string) => buildScript({ build: [{ argv: ['sh', '-c', build] }], run: { argv: ['sh', '-c', 'read n; echo "ran $n"'], cpuSeconds: 1 } });
    const ok = execFileSync('/bin/sh', ['-c', plan('true')], { input: 'TOKEN\nNONCE\n', encoding: 'utf8' });
    expect(ok).toBe('ran NONCE\n');
    let failed: { status: number; stdout: string } | undefined;
    try {
      execFileSync('/bin/sh', ['-c', plan('echo compiling; exit 3')], { input: 'TOKEN\nNONCE\n', encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      failed = error as { status: number; stdout: string };
    }
    expect(failed?.status).toBe(97);
    expect(failed?.stdout).toBe('\ncodebench-build-failed-TOKEN\n');
  });
});
