import { describe, expect, it } from 'vitest';
import { assembleProgram, promptPreamble } from './assemble-program.ts';
import { PY_TASK, TS_TASK } from './test-tasks.ts';

describe('assembleProgram', () => {
  it('appends a body continuation to the prompt, then the tests and the check call', () => {
    const program = assembleProgram(PY_TASK, '    return a + b\n');
    expect(program.startsWith(PY_TASK.prompt + '    return a + b\n')).toBe(true);
    expect(program.trimEnd().endsWith('check(add)')).toBe(true);
  });

  it('grades a whole-function answer as it stands, after the prompt preamble (imports and helpers)', () => {
    const program = assembleProgram(PY_TASK, 'def add(a, b):\n    return helper(a) + b\n');
    expect(program).toContain('import math');
    expect(program).toContain('def helper(x)');
    expect(program).not.toContain('"""Return a + b."""');
    expect(program.indexOf('def add(a, b)')).toBeLessThan(program.indexOf('def check'));
  });

  it('does not mistake a longer name for the entry point (def add_all is not def add)', () => {
    const program = assembleProgram(PY_TASK, 'def add_all(xs):\n    return sum(xs)\n');
    expect(program.startsWith(PY_TASK.prompt)).toBe(true);
  });

  it('keeps a TypeScript prompt preamble but not the open signature line or its JSDoc', () => {
    const task = { ...TS_TASK, prompt: 'import { x } from "y";\n\n/** Doc. */\nfunction add(a: number, b: number): number {\n' };
    expect(promptPreamble(task).trim()).toBe('import { x } from "y";');
    const program = assembleProgram(task, 'function add(a: number, b: number): number {\n  return a + b;\n}\n');
    expect(program.match(/function add\(/g)).toHaveLength(1);
    expect(program.trimEnd().endsWith('check(add);')).toBe(true);
  });

  it('uses the task\'s own test call when it has one (MultiPL-E tests call test())', () => {
    expect(assembleProgram({ ...TS_TASK, testCall: 'test();' }, '  return a + b;\n}\n').trimEnd().endsWith('test();')).toBe(true);
  });
});
