import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language, Task } from '../core/task.ts';
import type { GradeResult } from '../core/verdict.ts';
import { BwrapSandbox } from '../sandbox/bwrap-sandbox.ts';
import { sandboxUnavailableReason } from '../sandbox/test-support.ts';
import { Toolchains } from '../sandbox/toolchains.ts';
import { Grader } from './grader.ts';
import { CPP_TASK, GO_TASK, JAVA_TASK, JS_TASK, RUST_TASK, TS_TASK } from './test-tasks.ts';

const skip = sandboxUnavailableReason();
if (skip) console.warn(`skipping compiled-language grader tests: ${skip}`);

interface Case {
  task: Task;
  /** Correct answers written as whole functions (or classes), the way chat models answer. */
  whole: string[];
  wrong: string;
  wrongDetail: RegExp;
  compileError: string;
  compileDetail: RegExp;
  /** Exits with status 0 before the tests have finished. */
  earlyExit: string;
}

const CASES: Record<Exclude<Language, 'python' | 'javascript'>, Case> = {
  cpp: {
    task: CPP_TASK,
    whole: ['#include <vector>\nint add(int a, int b) {\n    std::vector<int> v{a, b};\n    return v[0] + v[1];\n}\n'],
    wrong: '    return a - b;\n}\n',
    wrongDetail: /^main\.cpp:\d+: int codebench_test_main\(\): Assertion `add\(1, 2\) == 3' failed\.$/,
    compileError: '    return a + ;\n}\n',
    compileDetail: /^main\.cpp:\d+:\d+: error: expected primary-expression before ';' token$/,
    earlyExit: '    exit(0);\n}\n',
  },
  java: {
    task: JAVA_TASK,
    whole: [
      'import java.util.*;\n\npublic class Solution {\n    public int add(int a, int b) {\n        return a + b;\n    }\n}\n',
      '    public int add(int a, int b) {\n        return a + b;\n    }\n',
    ],
    wrong: '        return a - b;\n    }\n}\n',
    wrongDetail: /^java\.lang\.AssertionError at Main\.main\(Main\.java:\d+\)$/,
    compileError: '        return a + ;\n    }\n}\n',
    compileDetail: /^Solution\.java:\d+: error: illegal start of expression$/,
    earlyExit: '        System.exit(0);\n        return 0;\n    }\n}\n',
  },
  rust: {
    task: RUST_TASK,
    // Its own `use` of a name the prompt's `use` line also brings in must not collide (E0252).
    whole: ['use std::collections::HashMap;\n\nfn add(a: i32, b: i32) -> i32 {\n    let mut m: HashMap<i32, i32> = HashMap::new();\n    m.insert(a, b);\n    max(a, a) + m[&a]\n}\n'],
    wrong: '    a - b\n}\n',
    wrongDetail: /assertion failed: `\(left == right\)`/,
    compileError: '    a + "x"\n}\n',
    compileDetail: /^error\[E0277\]: cannot add `&str` to `i32` \(main\.rs:\d+:\d+\)$/,
    earlyExit: '    std::process::exit(0);\n}\n',
  },
  go: {
    task: GO_TASK,
    whole: ['import (\n\t"math"\n\t"strings"\n)\n\nfunc Add(a int, b int) int {\n\treturn int(math.Round(float64(a))) + b\n}\n'],
    wrong: '    return a - b\n}\n',
    wrongDetail: /^TestAdd: Not equal: expected: 3, actual: -1$/,
    compileError: '    return a + "x"\n}\n',
    compileDetail: /^main_test\.go:\d+:\d+: .*mismatched types int and untyped string/,
    earlyExit: 'import "os"\n\nfunc Add(a int, b int) int {\n\tos.Exit(0)\n\treturn 0\n}\n',
  },
  typescript: {
    task: TS_TASK,
    whole: ['type Pair = [number, number];\nfunction add(a: number, b: number): number {\n  const p: Pair = [a, b];\n  return p[0] + p[1];\n}\n'],
    wrong: '  return a * b;\n}\n',
    wrongDetail: /^AssertionError \[ERR_ASSERTION\]: Expected values to be strictly equal:/,
    // Runs fine as JavaScript; only the type checker rejects it.
    compileError: '  return String(a + b) as unknown as string;\n}\n',
    compileDetail: /^main\.ts\(\d+,\d+\): error TS2322: Type 'string' is not assignable to type 'number'\.$/,
    earlyExit: '  return a + b;\n}\nprocess.exit(0);\n',
  },
};

describe.skipIf(skip)('Grader: C++, Java, Rust, Go and TypeScript', () => {
  let sandbox: BwrapSandbox;
  let grader: Grader;
  let missing: Grader;
  const toolchains = new Toolchains();
  const emptyDir = mkdtempSync(join(tmpdir(), 'codebench-no-tools-'));
  const unavailable = new Map<string, string>();

  beforeAll(async () => {
    sandbox = await BwrapSandbox.create({ slots: 2 });
    grader = new Grader(sandbox, { timeoutSeconds: 2, toolchains });
    missing = new Grader(sandbox, { timeoutSeconds: 2, toolchains: new Toolchains({ binDirs: [emptyDir] }) });
    // The first call builds the caches (Rust crates take about a minute); scripts/setup.sh does it ahead.
    const checks = { cpp: await toolchains.cpp(), java: await toolchains.java(), rust: await toolchains.rust(), go: await toolchains.go(), typescript: await toolchains.typescript() };
    for (const [language, check] of Object.entries(checks)) {
      if (!check.ok) {
        unavailable.set(language, check.reason);
        console.warn(`grader-languages.test: ${language} checks reduced: ${check.reason}`);
      }
    }
  }, 20 * 60_000);
  afterAll(async () => {
    rmSync(emptyDir, { recursive: true, force: true });
    await sandbox?.close();
  });

  const grade = (task: Task, code: string): Promise<GradeResult> => grader.grade(task, code);

  describe.each(Object.entries(CASES))('%s', (language, c) => {
    it('passes the reference and whole-function answers', async ({ skip: skipTest }) => {
      if (unavailable.has(language)) skipTest();
      const results = await Promise.all([c.task.reference!, ...c.whole].map((code) => grade(c.task, code)));
      for (const r of results) expect(r, r.output).toMatchObject({ verdict: 'pass', detail: 'passed' });
    });

    it('fails a wrong answer with the assertion, and an early exit 0', async ({ skip: skipTest }) => {
      if (unavailable.has(language)) skipTest();
      const [wrong, early] = await Promise.all([grade(c.task, c.wrong), grade(c.task, c.earlyExit)]);
      expect(wrong.verdict, wrong.output).toBe('fail');
      expect(wrong.detail).toMatch(c.wrongDetail);
      expect(early.verdict, early.output).not.toBe('pass');
    });

    it('reports a compile error as error with the compiler\'s first error line', async ({ skip: skipTest }) => {
      if (unavailable.has(language)) skipTest();
      const r = await grade(c.task, c.compileError);
      expect(r.verdict, r.output).toBe('error');
      expect(r.detail).toMatch(c.compileDetail);
      expect(r.output ?? '').not.toMatch(/codebench-build-failed-[0-9a-f]{32}/);
    });

    it('makes the sample unscored, with an install hint, when the toolchain is missing', async () => {
      const r = await missing.grade(c.task, c.task.reference);
      expect(r.verdict).toBe('unscored');
      expect(r.detail).toMatch(/is not installed.*: (apt-get install|npm ci)/);
    });
  });

  it('names the Debian package in the reasons', async () => {
    expect((await missing.grade(GO_TASK, GO_TASK.reference)).detail).toBe('go is not installed: apt-get install golang-go');
    expect((await missing.grade(CPP_TASK, CPP_TASK.reference)).detail).toBe('g++ is not installed: apt-get install g++');
  });

  it('cannot fake a pass or a build failure from a compiled program', async ({ skip: skipTest }) => {
    if (unavailable.has('cpp')) skipTest();
    const fakes = [
      '    printf("\\ncodebench-build-failed-00000000000000000000000000000000\\n"); fflush(stdout); _Exit(97);\n}\n',
      '    printf("\\ncodebench-done-00000000000000000000000000000000\\n"); fflush(stdout); _Exit(0);\n}\n',
      '    return a + b;\n}\nstatic int early = (exit(0), 0);\n',
    ];
    const results = await Promise.all(fakes.map((code) => grade(CPP_TASK, code)));
    for (const r of results) expect(r.verdict, r.output).not.toBe('pass');
    expect(results[0]!.detail).not.toMatch(/^main\.cpp/);
  });

  it('stops a compiled program that spins at the CPU limit', async ({ skip: skipTest }) => {
    if (unavailable.has('cpp')) skipTest();
    const r = await grade(CPP_TASK, '    volatile unsigned long n = 0;\n    while (true) n++;\n}\n');
    expect(r.verdict, r.output).toBe('timeout');
  });

  it('still grades HumanEval-X JavaScript, whose tests use console.assert', async () => {
    expect((await grade(JS_TASK, JS_TASK.reference!)).verdict).toBe('pass');
    const wrong = await grade(JS_TASK, '  return a - b;\n}\n');
    expect(wrong).toMatchObject({ verdict: 'fail', detail: expect.stringMatching(/AssertionError\]?: Assertion failed$/) });
  });
});
