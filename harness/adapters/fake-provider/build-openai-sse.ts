import type { FakeUsage } from './fake-usage.ts';

/**
 * Which real provider's habits an OpenAI-style answer imitates (providers.md §3): where usage
 * goes, what the cached and reasoning fields are called, and what noise comes with it.
 */
export type OpenAiFlavour = 'openai' | 'deepseek' | 'zai' | 'moonshot' | 'openrouter' | 'llamacpp' | 'minimax';

export const OPENAI_FLAVOURS: readonly OpenAiFlavour[] = ['openai', 'deepseek', 'zai', 'moonshot', 'openrouter', 'llamacpp', 'minimax'];

export interface FakeAnswer {
  text: string;
  reasoning?: string;
}

/** The usage object each provider sends (OpenRouter adds `cost` at $1/$2 per million). */
export function openAiUsage(u: FakeUsage, flavour: OpenAiFlavour): Record<string, unknown> {
  const base = { prompt_tokens: u.prompt, completion_tokens: u.completion, total_tokens: u.prompt + u.completion };
  const reasoning = { completion_tokens_details: { reasoning_tokens: u.reasoning } };
  switch (flavour) {
    case 'deepseek':
      return { ...base, prompt_tokens_details: { cached_tokens: u.cached }, ...reasoning, prompt_cache_hit_tokens: u.cached, prompt_cache_miss_tokens: u.prompt - u.cached };
    case 'moonshot':
      return { ...base, cached_tokens: u.cached, ...reasoning };
    case 'openrouter':
      return { ...base, cost: (u.prompt * 1 + u.completion * 2) / 1e6, is_byok: false, prompt_tokens_details: { cached_tokens: u.cached, cache_write_tokens: 0 }, ...reasoning };
    case 'llamacpp':
      return base;
    default:
      return { ...base, prompt_tokens_details: { cached_tokens: u.cached }, ...reasoning };
  }
}

function pieces(text: string): string[] {
  if (text === '') return [];
  const size = Math.max(1, Math.ceil(text.length / 3));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** A whole Chat Completions stream for one answer, in the provider's own shape, ending `[DONE]`. */
export function openAiStreamFrames(answer: FakeAnswer, usage: FakeUsage, flavour: OpenAiFlavour, model: string, includeUsage: boolean): string[] {
  const id = flavour === 'deepseek' ? '96ab47fa-9056-448e-8293-24546c4b4c2a' : flavour === 'openrouter' ? 'gen-1777319932-fake' : 'chatcmpl-fake';
  const chunk = (choice: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1_782_321_917, model, choices: choice ? [{ index: 0, ...choice }] : [], ...extra })}\n\n`;
  // GLM omits finish_reason on intermediate chunks; the others send null.
  const open = flavour === 'zai' ? {} : { finish_reason: null };
  const reasoningKey = flavour === 'openrouter' ? 'reasoning' : 'reasoning_content';
  const frames: string[] = [];
  if (flavour === 'openrouter') frames.push(': OPENROUTER PROCESSING\n\n', ': OPENROUTER PROCESSING\n\n');
  if (flavour === 'deepseek') frames.push(': keep-alive\n\n');
  frames.push(chunk({ delta: { role: 'assistant', content: '' }, ...open }));
  const inlineThink = flavour === 'minimax' && answer.reasoning !== undefined;
  if (answer.reasoning !== undefined && !inlineThink) for (const p of pieces(answer.reasoning)) frames.push(chunk({ delta: { content: null, [reasoningKey]: p }, ...open }));
  const text = inlineThink ? `<think>\n${answer.reasoning}\n</think>\n\n${answer.text}` : answer.text;
  for (const p of pieces(text)) frames.push(chunk({ delta: { content: p }, ...open }));
  const u = openAiUsage(usage, flavour);
  switch (flavour) {
    case 'deepseek':
    case 'zai':
      frames.push(chunk({ delta: { content: '' }, finish_reason: 'stop' }, includeUsage || flavour === 'deepseek' ? { usage: u } : {}));
      break;
    case 'moonshot':
      frames.push(chunk({ delta: {}, finish_reason: 'stop', usage: u }));
      break;
    case 'openrouter':
      // The finish chunk comes twice, the second time with the usage.
      frames.push(chunk({ delta: { content: '' }, finish_reason: 'stop', native_finish_reason: 'end_turn' }));
      frames.push(chunk({ delta: { content: '' }, finish_reason: 'stop', native_finish_reason: 'end_turn' }, { usage: u }));
      break;
    default:
      frames.push(chunk({ delta: {}, finish_reason: 'stop' }));
      if (includeUsage) {
        const timings = flavour === 'llamacpp' ? { timings: llamaTimings(usage) } : {};
        frames.push(chunk(undefined, { usage: u, ...timings }));
      }
  }
  frames.push('data: [DONE]\n\n');
  return frames;
}

/** A non-streaming `chat.completion` body for one answer. */
export function openAiCompletionBody(answer: FakeAnswer, usage: FakeUsage, flavour: OpenAiFlavour, model: string): Record<string, unknown> {
  const inlineThink = flavour === 'minimax' && answer.reasoning !== undefined;
  const message: Record<string, unknown> = { role: 'assistant', content: inlineThink ? `<think>\n${answer.reasoning}\n</think>\n\n${answer.text}` : answer.text };
  if (answer.reasoning !== undefined && !inlineThink) message[flavour === 'openrouter' ? 'reasoning' : 'reasoning_content'] = answer.reasoning;
  const timings = flavour === 'llamacpp' ? { timings: llamaTimings(usage) } : {};
  return { id: 'chatcmpl-fake', object: 'chat.completion', created: 1_782_321_917, model, choices: [{ index: 0, message, finish_reason: 'stop' }], usage: openAiUsage(usage, flavour), ...timings };
}

/** llama.cpp's extra `timings`: `cache_n` prompt tokens came from the KV cache. */
function llamaTimings(usage: FakeUsage): Record<string, number> {
  return { cache_n: usage.cached, prompt_n: usage.prompt - usage.cached, predicted_n: usage.completion };
}
