import type { ChatMessage } from '../core/generate.ts';
import type { Language, Task } from '../core/task.ts';
import { filesPrompt } from './build-files-prompt.ts';
import { programPrompt } from './build-program-prompt.ts';

const LANGUAGE_NAMES: Record<Language, { name: string; fence: string }> = {
  python: { name: 'Python', fence: 'python' },
  typescript: { name: 'TypeScript', fence: 'typescript' },
  javascript: { name: 'JavaScript', fence: 'javascript' },
  cpp: { name: 'C++', fence: 'cpp' },
  rust: { name: 'Rust', fence: 'rust' },
  go: { name: 'Go', fence: 'go' },
  java: { name: 'Java', fence: 'java' },
};

const SYSTEM = 'You are an expert software engineer. Answer with correct, complete, self-contained code.';

/** The first-try messages for a function-completion task. */
export function buildPrompt(task: Task): ChatMessage[] {
  if (task.kind === 'files') return [{ role: 'system', content: SYSTEM }, { role: 'user', content: filesPrompt(task) }];
  if (task.kind === 'program') return [{ role: 'system', content: SYSTEM }, { role: 'user', content: programPrompt(task, LANGUAGE_NAMES[task.language]) }];
  const { name, fence } = LANGUAGE_NAMES[task.language];
  const user = [
    `Complete the following ${name} function \`${task.entryPoint}\`.`,
    `Return the whole function, with any imports it needs, in a single \`\`\`${fence} code block. Do not include tests or example usage.`,
    '',
    `\`\`\`${fence}`,
    task.prompt.trimEnd(),
    '```',
  ].join('\n');
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: user },
  ];
}
