import type { Task } from '../core/task.ts';

/** Small tasks for grader tests, written the way corpus and HumanEval tasks are. */
export const PY_TASK: Task = {
  id: 'test/py/add',
  suite: 'test',
  kind: 'function',
  language: 'python',
  prompt: 'import math\n\ndef helper(x):\n    return x\n\ndef add(a: int, b: int) -> int:\n    """Return a + b."""\n',
  entryPoint: 'add',
  reference: '    return helper(a) + b\n',
  tests: 'def check(candidate):\n    assert candidate(1, 2) == 3\n    assert candidate(-1, 1) == 0\n    assert math.isclose(candidate(0.5, 0.25), 0.75)\n',
  tags: [],
  origin: { file: 'test' },
};

export const TS_TASK: Task = {
  id: 'test/ts/add',
  suite: 'test',
  kind: 'function',
  language: 'typescript',
  prompt: '/** Return a + b. */\nfunction add(a: number, b: number): number {\n',
  entryPoint: 'add',
  reference: '  return a + b;\n}\n',
  tests: 'import assert from "node:assert/strict";\nfunction check(candidate: typeof add): void {\n  assert.equal(candidate(1, 2), 3);\n  assert.equal(candidate(-1, 1), 0);\n}\n',
  tags: [],
  origin: { file: 'test' },
};

/** The compiled languages, shaped like HumanEval-X: the tests run themselves, `testCall` is empty. */
export const CPP_TASK: Task = {
  id: 'test/cpp/add',
  suite: 'test',
  kind: 'function',
  language: 'cpp',
  prompt: '/* Return a + b. */\n#include<stdio.h>\nusing namespace std;\nint add(int a, int b){\n',
  entryPoint: 'add',
  reference: '    return a + b;\n}\n',
  tests: '#undef NDEBUG\n#include<assert.h>\nint main(){\n    assert (add(1, 2) == 3);\n    assert (add(-1, 1) == 0);\n}\n',
  testCall: '',
  tags: [],
  origin: { file: 'test' },
};

export const JAVA_TASK: Task = {
  id: 'test/java/add',
  suite: 'test',
  kind: 'function',
  language: 'java',
  prompt: 'import java.util.*;\nimport java.lang.*;\n\nclass Solution {\n    /** Return a + b. */\n    public int add(int a, int b) {\n',
  entryPoint: 'add',
  reference: '        return a + b;\n    }\n}\n',
  tests: 'public class Main {\n    public static void main(String[] args) {\n        Solution s = new Solution();\n        List<Boolean> correct = Arrays.asList(s.add(1, 2) == 3, s.add(-1, 1) == 0);\n        if (correct.contains(false)) {\n            throw new AssertionError();\n        }\n    }\n}\n',
  testCall: '',
  tags: [],
  origin: { file: 'test' },
};

export const RUST_TASK: Task = {
  id: 'test/rust/add',
  suite: 'test',
  kind: 'function',
  language: 'rust',
  prompt: '/*\n Return a + b, and use the crates the HumanEval-X declarations name.\n*/\n\nuse std::{collections::{HashSet, HashMap}, cmp::max};\nuse rand::Rng;\nuse regex::Regex;\nuse md5;\n\nfn add(a: i32, b: i32) -> i32{\n',
  entryPoint: 'add',
  reference: '    let re = Regex::new(r"^\\d+$").unwrap();\n    assert!(re.is_match("42"));\n    let _ = format!("{:x}", md5::compute(b"x"));\n    let _: u8 = rand::thread_rng().gen();\n    a + b\n}\n',
  tests: '\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn test_add() {\n        assert_eq!(add(1, 2), 3);\n        assert_eq!(add(-1, 1), 0);\n    }\n\n}\n',
  testCall: '',
  tags: [],
  origin: { file: 'test' },
};

export const GO_TASK: Task = {
  id: 'test/go/add',
  suite: 'test',
  kind: 'function',
  language: 'go',
  // The prompt imports a package the answer need not use; the grader must not fail it for that.
  prompt: 'import (\n    "strings"\n)\n\n// Return a + b.\nfunc Add(a int, b int) int {\n',
  entryPoint: 'Add',
  reference: '    return a + b\n}\n',
  tests: 'package main\n\nimport (\n    "testing"\n    "github.com/stretchr/testify/assert"\n)\nfunc TestAdd(t *testing.T) {\n    assert := assert.New(t)\n    assert.Equal(3, Add(1, 2))\n    assert.Equal(0, Add(-1, 1))\n}\n',
  testCall: '',
  tags: [],
  origin: { file: 'test' },
};

export const JS_TASK: Task = {
  id: 'test/js/add',
  suite: 'test',
  kind: 'function',
  language: 'javascript',
  prompt: '/* Return a + b. */\nconst add = (a, b) => {\n',
  entryPoint: 'add',
  reference: '  return a + b;\n}\n',
  tests: 'const testAdd = () => {\n  console.assert(add(1, 2) === 3)\n  console.assert(add(-1, 1) === 0)\n}\n\ntestAdd()\n',
  testCall: '',
  tags: [],
  origin: { file: 'test' },
};
