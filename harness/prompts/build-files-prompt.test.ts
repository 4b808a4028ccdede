import { describe, expect, it } from 'vitest';
import type { Task } from '../core/task.ts';
import { extractAnswer } from '../extract/extract-answer.ts';
import { buildPrompt } from './build-prompt.ts';
import { buildRepairPrompt } from './build-repair-prompt.ts';

const TASK: Task = {
  id: 'cb/py/ledger',
  suite: 'test',
  kind: 'files',
  language: 'python',
  prompt: '# Instructions\n\nKeep a ledger of postings.\n',
  entryPoint: '',
  tests: 'ledger_test.py\n```python\nimport unittest\n```\n',
  tags: [],
  origin: { file: 'test' },
  files: {
    solution: { 'ledger.py': 'class Ledger:\n    pass\n', 'money/cents.py': 'def parse(text):\n    pass\n' },
    test: { 'ledger_test.py': 'import unittest\nSECRET_TEST_DETAIL = 1\n' },
    support: {},
  },
};

describe('buildPrompt for a files task', () => {
  const [system, user] = buildPrompt(TASK);

  it('shows the instructions, then every stub under its path, and asks for whole files', () => {
    expect(system!.role).toBe('system');
    const text = user!.content as string;
    expect(text.startsWith('# Instructions\n\nKeep a ledger of postings.\n\n####\n\nUse the above instructions to modify the supplied files: ledger.py money/cents.py\n')).toBe(true);
    expect(text).toContain('ledger.py\n```python\nclass Ledger:\n    pass\n```\n\nmoney/cents.py\n```python\ndef parse(text):\n    pass\n```');
    expect(text).toContain("with the\nfile's path alone on the line just before the block");
    expect(text).not.toContain('SECRET_TEST_DETAIL');
  });

  it('gives a prompt whose stubs, read back as an answer, are exactly the stubs', () => {
    const quoted = (user!.content as string).split('current content:\n\n')[1]!.split('\n\nAnswer with')[0]!;
    expect(extractAnswer(quoted, TASK).code).toBe(quoted + '\n');
  });
});

describe('buildRepairPrompt for a files task', () => {
  it('sends the test output back, timings removed, and asks to fix the named files in the same format', () => {
    const messages = buildRepairPrompt(TASK, 'ledger.py\n```python\nclass Ledger: ...\n```', 'FAIL: test_balance (ledger_test.LedgerTest.test_balance)\nAssertionError: 3 != 4\nRan 9 tests in 0.004s');
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    const last = messages[3]!.content as string;
    expect(last).toContain('AssertionError: 3 != 4\nRan 9 tests in <time>');
    expect(last).toContain("The tests are correct, don't try and change them.\nFix the code in ledger.py money/cents.py to resolve the errors.");
    expect(last).toContain('Answer with the whole new content of every file you change');
  });
});
