import { describe, expect, it } from 'vitest';
import type { Task } from '../core/task.ts';
import { extractAnswer } from '../extract/extract-answer.ts';
import { buildPrompt } from './build-prompt.ts';
import { buildRepairPrompt } from './build-repair-prompt.ts';

const TASK: Task = {
  id: 'cb/py/count-levels',
  suite: 'test',
  kind: 'program',
  language: 'python',
  prompt: 'Count log lines per level.\n\nInput: log lines.\nOutput: `LEVEL count` per level.\n\nExample input:\nINFO a\n\nExample output:\nINFO 1\n',
  entryPoint: '',
  tests: '',
  tags: [],
  origin: { file: 'test' },
  cases: [{ input: 'WARN hidden-input-71\n', output: 'WARN 1 hidden-output-71\n' }],
};

describe('buildPrompt for a program task', () => {
  it('asks for a whole program over stdin and stdout and shows the statement with its example', () => {
    const [system, user] = buildPrompt(TASK);
    expect(system!.role).toBe('system');
    const text = user!.content;
    expect(text).toMatch(/^Write a complete Python program that solves the problem below\. It reads the input from standard input and writes the answer to standard output\.\n/);
    expect(text).toContain('in a single ```python code block');
    expect(text.endsWith(`\n\n${TASK.prompt.trim()}`)).toBe(true);
    expect(text).not.toMatch(/function `|entry/);
  });

  it('never shows a hidden case', () => {
    for (const language of ['python', 'typescript', 'cpp'] as const) {
      const text = buildPrompt({ ...TASK, language }).map((m) => m.content).join('\n');
      expect(text).not.toContain('hidden-input-71');
      expect(text).not.toContain('hidden-output-71');
    }
  });

  it('tells TypeScript how a program reads stdin under the grader', () => {
    expect(buildPrompt({ ...TASK, language: 'typescript' })[1]!.content).toContain('require("node:fs").readFileSync(0, "utf8")');
  });
});

describe('buildRepairPrompt for a program task', () => {
  it('shows the failing case and asks for the whole corrected program', () => {
    const messages = buildRepairPrompt(TASK, '```python\nprint(1)\n```', 'case 1 of 1\n--- input ---\nINFO a\n--- expected output ---\nINFO 1\n--- program output ---\n1');
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    const last = messages[3]!.content;
    expect(last).toContain('--- expected output ---\nINFO 1');
    expect(last.endsWith('Fix the program. Return the whole corrected program in a single code block.')).toBe(true);
  });
});

describe('extracting a program', () => {
  it('takes the whole program, not the sample input and output blocks around it', () => {
    const program = 'import sys\nfrom collections import Counter\n\ncounts = Counter(line.split()[0] for line in sys.stdin if line.strip())\nfor level, n in sorted(counts.items()):\n    print(level, n)';
    const answer = `Here is the program:\n\n\`\`\`python\n${program}\n\`\`\`\n\nFor the input\n\n\`\`\`\nINFO a\n\`\`\`\n\nit prints\n\n\`\`\`text\nINFO 1\n\`\`\`\n`;
    expect(extractAnswer(answer, TASK)).toMatchObject({ code: program, method: 'fenced' });
    // Untagged everywhere: the longest block is the program.
    expect(extractAnswer(answer.replace('```python', '```').replace('```text', '```'), TASK).code).toBe(program);
    expect(extractAnswer(`<think>\nuse a Counter\n</think>\n${program}\n`, TASK)).toMatchObject({ code: program, method: 'raw', thinkingRemoved: true });
  });
});
