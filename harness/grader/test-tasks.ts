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
