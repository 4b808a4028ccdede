/**
 * Answers a prompt with the value of the first key it contains: the simplest way to make the fake
 * provider solve known tasks (key: a distinctive piece of the task prompt; value: the solution).
 */
export function answerByPrompt(answers: Record<string, string>, fallback = 'I do not know.'): (prompt: string) => string {
  const entries = Object.entries(answers).sort(([a], [b]) => b.length - a.length);
  return (prompt) => entries.find(([key]) => prompt.includes(key))?.[1] ?? fallback;
}
