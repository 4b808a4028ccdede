import type { FinishReason, Usage } from '../core/generate.ts';
import { mapOpenAiFinishReason } from './map-openai-finish-reason.ts';
import { hasUsage, mapOpenAiUsage } from './map-openai-usage.ts';
import { splitThinkTags } from './split-think-tags.ts';

/** What one OpenAI-style response amounted to, before the adapter decides whether it is usable. */
export interface CollectedAnswer {
  text: string;
  reasoning?: string;
  /** `undefined` when no finish reason ever arrived: the stream was cut short. */
  finishReason: FinishReason | undefined;
  usage: Usage;
  providerCostUsd?: number;
  ttftMs?: number;
  responseId?: string;
  /** Choices seen for index 0; zero means the provider sent no answer at all. */
  choices: number;
}

/**
 * Folds Chat Completions chunks (or one whole completion) into an answer, tolerating every
 * provider's placement of usage: a last `choices: []` chunk (OpenAI), the finish chunk (DeepSeek,
 * GLM, OpenRouter), or inside the choice (Moonshot). The last usage seen wins.
 */
export class OpenAiStreamCollector {
  #text = '';
  #reasoning = '';
  #finish: string | undefined;
  #usage: unknown;
  #timings: unknown;
  #responseId: string | undefined;
  #ttftMs: number | undefined;
  #choices = 0;
  readonly #startedAt: number;

  constructor(startedAt: number) {
    this.#startedAt = startedAt;
  }

  addChunk(chunk: unknown, now: number): void {
    const c = record(chunk);
    if (this.#responseId === undefined && typeof c.id === 'string') this.#responseId = c.id;
    if (hasUsage(c.usage)) {
      this.#usage = c.usage;
      this.#timings = c.timings;
    }
    for (const choice of Array.isArray(c.choices) ? c.choices : []) {
      const ch = record(choice);
      if ((ch.index ?? 0) !== 0) continue;
      this.#choices++;
      const delta = record(ch.delta ?? ch.message);
      const content = typeof delta.content === 'string' ? delta.content : '';
      const reasoning = reasoningText(delta);
      if (this.#ttftMs === undefined && (content !== '' || reasoning !== '')) this.#ttftMs = now - this.#startedAt;
      this.#text += content;
      this.#reasoning += reasoning;
      if (typeof ch.finish_reason === 'string' && ch.finish_reason !== '') this.#finish = ch.finish_reason;
      if (hasUsage(ch.usage)) this.#usage = ch.usage;
    }
  }

  /** A non-streaming `chat.completion` body: its `message` reads like one big delta. */
  addCompletion(body: unknown, now: number): void {
    this.addChunk(body, now);
  }

  result(): CollectedAnswer {
    const split = splitThinkTags(this.#text);
    const reasoning = [this.#reasoning, split.reasoning ?? ''].filter((r) => r !== '').join('\n');
    const { usage, providerCostUsd } = mapOpenAiUsage(this.#usage, this.#timings);
    return {
      text: split.text,
      reasoning: reasoning === '' ? undefined : reasoning,
      finishReason: this.#finish === undefined ? undefined : mapOpenAiFinishReason(this.#finish),
      usage,
      providerCostUsd,
      ttftMs: this.#ttftMs,
      responseId: this.#responseId,
      choices: this.#choices,
    };
  }
}

/** `reasoning_content` (DeepSeek, GLM, Qwen, Kimi, llama.cpp), `reasoning` (OpenRouter, vLLM, Ollama), or `reasoning_details` (MiniMax). */
function reasoningText(delta: Record<string, unknown>): string {
  if (typeof delta.reasoning_content === 'string') return delta.reasoning_content;
  if (typeof delta.reasoning === 'string') return delta.reasoning;
  if (!Array.isArray(delta.reasoning_details)) return '';
  return delta.reasoning_details.map((d) => (typeof record(d).text === 'string' ? (record(d).text as string) : '')).join('');
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}
