import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language, Task } from '../core/task.ts';
import { BwrapSandbox } from '../sandbox/bwrap-sandbox.ts';
import type { Sandbox, SandboxRequest } from '../sandbox/sandbox.ts';
import { sandboxUnavailableReason } from '../sandbox/test-support.ts';
import { Toolchains } from '../sandbox/toolchains.ts';
import { Grader } from './grader.ts';

const skip = sandboxUnavailableReason();
if (skip) console.warn(`skipping program grading tests: ${skip}`);

/** Sum of two integers per case; the third case's expected output has no newline and trailing blanks. */
const SUM: Task = {
  id: 'test/program/sum',
  suite: 'test',
  kind: 'program',
  language: 'python',
  prompt: 'Read two integers a and b from one line of stdin and print a + b.',
  entryPoint: '',
  tests: '',
  tags: [],
  origin: { file: 'test' },
  cases: [
    { input: '1 2\n', output: '3\n' },
    { input: '5 5\n', output: '10\n' },
    { input: '-1 1\n', output: '0  \n\n' },
  ],
};

const PY_SUM = 'a, b = map(int, input().split())\nprint(a + b)\n';

/** Counts sandbox runs: a program task must take one per sample, however many cases it has. */
class CountingSandbox implements Sandbox {
  runs = 0;
  constructor(readonly inner: Sandbox) {}
  get mode() {
    return this.inner.mode;
  }
  get slots() {
    return this.inner.slots;
  }
  run(request: SandboxRequest) {
    this.runs++;
    return this.inner.run(request);
  }
  close() {
    return Promise.resolve();
  }
}

describe.skipIf(skip)('program tasks on bubblewrap', () => {
  let sandbox: BwrapSandbox;
  let counting: CountingSandbox;
  let grader: Grader;
  const as = (language: Language): Task => ({ ...SUM, language });

  beforeAll(async () => {
    sandbox = await BwrapSandbox.create({ slots: 2 });
    counting = new CountingSandbox(sandbox);
    grader = new Grader(counting, { timeoutSeconds: 1 });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('passes a correct program in one sandbox run for all cases, comparing without trailing whitespace', async () => {
    const before = counting.runs;
    expect(await grader.grade(SUM, `${PY_SUM.replace('print(a + b)', 'print(a + b, end="  \\n\\n\\n")')}`)).toMatchObject({ verdict: 'pass', detail: 'passed 3 cases' });
    expect(counting.runs - before).toBe(1);
    const js = 'const [a, b] = require("node:fs").readFileSync(0, "utf8").trim().split(/\\s+/).map(Number);\nconsole.log(a + b);\n';
    expect(await grader.grade(as('javascript'), js)).toMatchObject({ verdict: 'pass' });
    const ts = 'import { readFileSync } from "node:fs";\nconst [a, b] = readFileSync(0, "utf8").trim().split(/\\s+/).map(Number);\nconsole.log(a + b);\n';
    expect(await grader.grade(as('typescript'), ts)).toMatchObject({ verdict: 'pass' });
  });

  it('fails a wrong output and names the first failing case with expected and got', async () => {
    const r = await grader.grade(SUM, 'a, b = map(int, input().split())\nprint(a + b + (a == 5))\n');
    expect(r).toMatchObject({ verdict: 'fail', detail: 'case 2 of 3: expected "10", got "11"' });
    expect(r.output).toContain('--- input ---\n5 5');
    expect(await grader.grade(SUM, 'import sys\nsys.exit(0)\n')).toMatchObject({ verdict: 'fail', detail: 'case 1 of 3: expected "3", got no output' });
  });

  it('gives the CPU limit to each case, not to the run', async () => {
    // About 0.5 s of CPU per case: 1.5 s in all, over the 1 s limit, and still a pass.
    const busy = 'import time\nend = time.process_time() + 0.5\nwhile time.process_time() < end: pass\n' + PY_SUM;
    expect(await grader.grade(SUM, busy)).toMatchObject({ verdict: 'pass' });
  });

  it('reports a crash as an error of its case, with the exception', async () => {
    const r = await grader.grade(SUM, 'a, b = map(int, input().split())\nprint(a + b)\nif a == 5: print(1 // 0)\n');
    expect(r.verdict).toBe('error');
    expect(r.detail).toBe('case 2 of 3: exit code 1: ZeroDivisionError: integer division or modulo by zero');
    expect(await grader.grade(SUM, 'print(')).toMatchObject({ verdict: 'error', detail: expect.stringMatching(/^case 1 of 3: exit code 1: SyntaxError/) });
  });

  it('times out a program that loops forever or sleeps in one case', async () => {
    const spin = await grader.grade(SUM, 'a, b = map(int, input().split())\nwhile a == -1: pass\nprint(a + b)\n');
    expect(spin).toMatchObject({ verdict: 'timeout', detail: 'case 3 of 3: CPU time limit exceeded (1 s)' });
    const sleep = await grader.grade(as('javascript'), 'const [a] = require("fs").readFileSync(0, "utf8").split(" ").map(Number);\nif (a === 5) setTimeout(() => {}, 60_000); else console.log(a === 1 ? 3 : 0);\n');
    expect(sleep).toMatchObject({ verdict: 'timeout', detail: expect.stringMatching(/^case 2 of 3: timed out after [\d.]+ s \(wall clock\)$/) });
  });

  it('cannot be passed by printing another case\'s answer, reading the workspace or /proc, or faking report lines', async () => {
    expect(await grader.grade(SUM, 'print(3)\n')).toMatchObject({ verdict: 'fail', detail: 'case 2 of 3: expected "10", got "3"' });
    const snoop = String.raw`
import glob, os, sys
seen = []
for path in glob.glob('/box/*') + ['/proc/%d/%s' % (os.getppid(), f) for f in ('environ', 'mem', 'fd/0', 'fd/1', 'cmdline')]:
    try:
        seen.append(open(path, 'rb').read(100000).decode('latin1'))
    except OSError as error:
        seen.append(type(error).__name__)
for line in sys.stdin.read().splitlines() + seen:
    print(line)
for n in range(3):
    print('codebench-done-' + '0' * 32 + ' {"case": %d, "status": "ok", "sha256": "x"}' % n)
print('codebench-done-' + '0' * 32 + ' done')
`;
    const r = await grader.grade(SUM, snoop);
    expect(r.verdict).toBe('fail');
    expect(r.detail).toMatch(/^case 1 of 3: line 1: expected "3", got /);
    // The grader's nonce never reaches the program: nothing it printed looks like one.
    expect(r.output ?? '').not.toMatch(/codebench-done-(?!0{32})[0-9a-f]{32}/);
  });

  it('never lets an expected output into the sandbox, only its digest', async () => {
    const task: Task = { ...SUM, cases: [{ input: 'x\n', output: 'expected-7f3a9\n' }] };
    const search = String.raw`
import glob, os
hits = []
paths = glob.glob('/box/**', recursive=True) + glob.glob('/tmp/**', recursive=True)
paths += [p for pid in os.listdir('/proc') if pid.isdigit() for p in ('/proc/%s/cmdline' % pid, '/proc/%s/environ' % pid, '/proc/%s/fd/0' % pid)]
for path in paths:
    try:
        if (b'expected-' + b'7f3a9') in open(path, 'rb').read():
            hits.append(path)
    except OSError:
        pass
print('found in ' + ' '.join(hits) if hits else 'not found')
`;
    expect(await grader.grade(task, search)).toMatchObject({ verdict: 'fail', detail: 'case 1 of 1: expected "expected-7f3a9", got "not found"' });
  });

  it('fails a TypeScript program with a type error at the type check', async () => {
    const r = await grader.grade(as('typescript'), 'const n: string = 1;\nconsole.log(n);\n');
    expect(r).toMatchObject({ verdict: 'error', detail: expect.stringMatching(/error TS2322/) });
  });

  it('builds and runs whole programs in C++, Go, Rust and Java', async () => {
    const programs: Record<string, string> = {
      cpp: '#include <iostream>\nint main() { long a, b; std::cin >> a >> b; std::cout << a + b << "\\n"; }\n',
      go: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tvar a, b int\n\tfmt.Scan(&a, &b)\n\tfmt.Println(a + b)\n}\n',
      rust: 'use std::io::Read;\nfn main() {\n    let mut s = String::new();\n    std::io::stdin().read_to_string(&mut s).unwrap();\n    let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect();\n    println!("{}", v[0] + v[1]);\n}\n',
      java: 'import java.util.Scanner;\n\npublic class Sum {\n    public static void main(String[] args) {\n        Scanner in = new Scanner(System.in);\n        System.out.println(in.nextLong() + in.nextLong());\n    }\n}\n',
    };
    const results = await Promise.all(Object.entries(programs).map(async ([language, code]) => [language, (await grader.grade(as(language as Language), code)).verdict]));
    expect(Object.fromEntries(results)).toEqual({ cpp: 'pass', go: 'pass', rust: 'pass', java: 'pass' });
    const wrong = await grader.grade(as('cpp'), '#include <iostream>\nint main() { long a, b; std::cin >> a >> b; std::cout << a * b << "\\n"; }\n');
    expect(wrong).toMatchObject({ verdict: 'fail', detail: 'case 1 of 3: expected "3", got "2"' });
    expect(await grader.grade(as('cpp'), 'int main() { return missing; }\n')).toMatchObject({ verdict: 'error', detail: expect.stringMatching(/'missing' was not declared/) });
  });

  it('makes a program task unscored when the case runner or the language has no toolchain', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'codebench-no-tools-'));
    try {
      const bare = new Grader(sandbox, { timeoutSeconds: 1, toolchains: new Toolchains({ binDirs: [empty] }) });
      expect(await bare.grade(SUM, PY_SUM)).toMatchObject({ verdict: 'unscored', detail: expect.stringMatching(/^the case runner needs Python: python3 is not installed/) });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
