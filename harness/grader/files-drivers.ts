/**
 * Test drivers for multi-file exercises. As for function tasks (./drivers.ts), each reads the
 * run's nonce from stdin before any exercise code runs and prints it only after every test ran and
 * passed, so an exercise that exits early with status 0 (`os._exit(0)`, `process.exit(0)`,
 * `os.Exit(0)`, `std::process::exit(0)`) cannot pass. Test files and code share one process, as
 * they do under unittest, node:test, `go test` and libtest.
 */

export const PYTHON_UNITTEST_FILE = 'codebench_unittest.py';

/** unittest over the test modules named on the command line (`python3 -m unittest a_test b_test`). */
export const PYTHON_UNITTEST_DRIVER = `import os, sys, unittest

def _codebench_run():
    nonce = sys.stdin.readline().strip()
    sys.path.insert(0, os.getcwd())
    suite = unittest.defaultTestLoader.loadTestsFromNames(sys.argv[1:])
    result = unittest.TextTestRunner(stream=sys.stderr, verbosity=2).run(suite)
    return nonce, result

_nonce, _result = _codebench_run()
sys.stdout.flush()
sys.stderr.flush()
if not (_result.wasSuccessful() and _result.testsRun > 0):
    sys.exit(1)
os.write(1, ('\\n' + _nonce + '\\n').encode())
`;

export const NODE_TEST_FILE = 'codebench_node_test.js';

/**
 * node:test in one process: the test files register their tests, ours comes last, and node:test
 * runs them in order and sets a failing exit code. The nonce is printed on a clean exit only
 * after our last test ran.
 */
export function nodeTestDriver(testFiles: readonly string[]): string {
  return `'use strict';
const fs = require('node:fs');
const nonce = fs.readFileSync(0, 'utf8').split('\\n')[0].trim();
const { test } = require('node:test');
let finished = false;
process.on('exit', (code) => {
  if (code === 0 && finished) fs.writeSync(1, '\\n' + nonce + '\\n');
});
for (const file of ${JSON.stringify(testFiles.map((f) => `./${f}`))}) require(file);
test('codebench: every test file ran', () => {
  finished = true;
});
`;
}

export const GO_TEST_MAIN_FILE = 'codebench_main_test.go';

/** The Go driver of ./drivers.ts, in the exercise's own package. */
export function goTestMain(pkg: string): string {
  return `package ${pkg}

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

func TestMain(m *testing.M) {
	nonce, _ := bufio.NewReader(os.Stdin).ReadString('\\n')
	code := m.Run()
	if code == 0 {
		os.Stdout.WriteString("\\n" + strings.TrimSpace(nonce) + "\\n")
	}
	os.Exit(code)
}
`;
}

export interface RustTestCall {
  /** The test function's path from the crate root, e.g. `t0::adds_up`. */
  path: string;
  /** `#[should_panic]`: the call must panic; with `expected`, with a message containing it. */
  shouldPanic: boolean;
  expected?: string;
  /** The test returns a `Result`, which must be `Ok`. */
  returnsResult: boolean;
}

/** A `main` that runs every test in order, ignored ones included, as `cargo test -- --include-ignored` does. */
export function rustTestsMain(modules: readonly string[], calls: readonly RustTestCall[]): string {
  const lines = calls.map((c) => {
    if (c.shouldPanic) return `    codebench_should_panic(${JSON.stringify(c.path)}, ${c.expected === undefined ? 'None' : `Some(${JSON.stringify(c.expected)})`}, || { ${c.path}()${c.returnsResult ? '.unwrap()' : ''}; });`;
    return `    ${c.path}()${c.returnsResult ? '.unwrap()' : ''};`;
  });
  return `${modules.map((m, i) => `#[path = ${JSON.stringify(m)}]\nmod t${i};`).join('\n')}

#[allow(dead_code)]
fn codebench_should_panic(name: &str, expected: Option<&str>, f: fn()) {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::panic::catch_unwind(f);
    std::panic::set_hook(hook);
    match outcome {
        Ok(()) => panic!("assertion failed: {} should panic, but it returned", name),
        Err(payload) => {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            if let Some(want) = expected {
                if !message.contains(want) {
                    panic!("test {} panicked with {:?}, not with a message containing {:?}", name, message, want);
                }
            }
        }
    }
}

fn main() {
    let mut codebench_nonce = String::new();
    let _ = std::io::stdin().read_line(&mut codebench_nonce);
${lines.join('\n')}
    {
        use std::io::Write;
        let _ = std::io::stdout().flush();
        let _ = std::io::stderr().flush();
    }
    print!("\\n{}\\n", codebench_nonce.trim());
}
`;
}
