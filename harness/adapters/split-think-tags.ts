/**
 * MiniMax's OpenAI endpoint, and many local models, put their reasoning inside the answer as
 * `<think>…</think>` before the real text. Some chat templates open the tag in the prompt, so only
 * the closing tag arrives. An unclosed tag means the answer was cut off while still thinking.
 */
export function splitThinkTags(text: string): { text: string; reasoning?: string } {
  const open = /^\s*<think>/.exec(text);
  if (open) {
    const rest = text.slice(open[0].length);
    const close = rest.indexOf('</think>');
    if (close < 0) return { text: '', reasoning: rest.trim() };
    return { text: rest.slice(close + '</think>'.length).replace(/^\s+/, ''), reasoning: rest.slice(0, close).trim() };
  }
  const close = text.indexOf('</think>');
  if (close < 0 || text.slice(0, close).includes('<think>')) return { text };
  return { text: text.slice(close + '</think>'.length).replace(/^\s+/, ''), reasoning: text.slice(0, close).trim() };
}
