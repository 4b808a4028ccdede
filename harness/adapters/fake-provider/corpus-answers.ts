import type { Task } from '../../core/task.ts';

/** Each task's prompt (as the user message quotes it) → its reference solution in a fenced block. */
export function corpusAnswers(tasks: readonly Task[]): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const t of tasks) {
    if (t.reference === undefined) continue;
    // A files task's reference is already an answer: each file under its path, fenced.
    answers[t.prompt.trimEnd()] = t.kind === 'files' ? `Here are the files.\n\n${t.reference}` : `Here is the solution.\n\n\`\`\`${t.language}\n${t.reference.trimEnd()}\n\`\`\`\n`;
  }
  return answers;
}
