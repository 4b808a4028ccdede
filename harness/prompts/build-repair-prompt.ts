import type { ChatMessage } from '../core/generate.ts';
import type { Task } from '../core/task.ts';
import { filesRepairRequest } from './build-files-prompt.ts';
import { buildPrompt } from './build-prompt.ts';
import { PROGRAM_REPAIR_REQUEST } from './build-program-prompt.ts';

const MAX_OUTPUT = 3000;

/**
 * Aider's second try: the first conversation, the model's answer, then the failing test output
 * (trimmed, timings removed so that the prompt, and so the cache key, does not change run to run).
 */
export function buildRepairPrompt(task: Task, firstAnswer: string, testOutput: string): ChatMessage[] {
  return [
    ...buildPrompt(task),
    { role: 'assistant', content: firstAnswer },
    {
      role: 'user',
      content: [
        'The code above failed the tests. Here is the test output:',
        '',
        '```',
        cleanTestOutput(testOutput),
        '```',
        '',
        task.kind === 'files' ? filesRepairRequest(task) : task.kind === 'program' ? PROGRAM_REPAIR_REQUEST : 'Fix the code. Return the whole corrected function in a single code block.',
      ].join('\n'),
    },
  ];
}

export function cleanTestOutput(output: string): string {
  const text = output
    .replace(/\b\d+(\.\d+)?\s?(ms|s|sec|seconds)\b/g, '<time>')
    .replace(/codebench-done-[0-9a-f]+/g, '')
    .trim();
  if (text.length <= MAX_OUTPUT) return text;
  return `${text.slice(0, MAX_OUTPUT / 2)}\n…\n${text.slice(-MAX_OUTPUT / 2)}`;
}
