import type { FinishReason, Usage } from '../core/generate.ts';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.ts';
import { mapAnthropicUsage, mergeAnthropicUsage } from './map-anthropic-usage.ts';
import { splitThinkTags } from './split-think-tags.ts';

export interface CollectedMessage {
  text: string;
  reasoning?: string;
  finishReason: FinishReason | undefined;
  usage: Usage;
  ttftMs?: number;
  messageId?: string;
  /** `message_stop` arrived: the stream was not cut short. */
  complete: boolean;
}

/**
 * Folds Messages API stream events (or one whole `Message`) into an answer: text blocks are the
 * answer, thinking blocks the reasoning; usage starts at `message_start` and each `message_delta`
 * overwrites it. Unknown event types are ignored, as Anthropic's versioning policy asks.
 */
export class AnthropicStreamCollector {
  #text = '';
  #reasoning = '';
  #stop: string | undefined;
  #usage: Record<string, unknown> = {};
  #messageId: string | undefined;
  #ttftMs: number | undefined;
  #complete = false;
  readonly #startedAt: number;

  constructor(startedAt: number) {
    this.#startedAt = startedAt;
  }

  get complete(): boolean {
    return this.#complete;
  }

  addEvent(event: unknown, now: number): void {
    const e = record(event);
    switch (e.type) {
      case 'message_start': {
        const message = record(e.message);
        if (typeof message.id === 'string') this.#messageId = message.id;
        this.#usage = mergeAnthropicUsage(this.#usage, message.usage);
        return;
      }
      case 'content_block_start': {
        const block = record(e.content_block);
        this.#append(typeof block.text === 'string' ? block.text : '', typeof block.thinking === 'string' ? block.thinking : '', now);
        return;
      }
      case 'content_block_delta': {
        const delta = record(e.delta);
        if (delta.type === 'text_delta') this.#append(String(delta.text ?? ''), '', now);
        if (delta.type === 'thinking_delta') this.#append('', String(delta.thinking ?? ''), now);
        return;
      }
      case 'message_delta': {
        const stop = record(e.delta).stop_reason;
        if (typeof stop === 'string') this.#stop = stop;
        this.#usage = mergeAnthropicUsage(this.#usage, e.usage);
        return;
      }
      case 'message_stop':
        this.#complete = true;
    }
  }

  /** A non-streaming `Message`. */
  addMessage(message: unknown, now: number): void {
    const m = record(message);
    if (typeof m.id === 'string') this.#messageId = m.id;
    for (const block of Array.isArray(m.content) ? m.content : []) {
      const b = record(block);
      if (b.type === 'text') this.#append(String(b.text ?? ''), '', now);
      if (b.type === 'thinking') this.#append('', String(b.thinking ?? ''), now);
    }
    if (typeof m.stop_reason === 'string') this.#stop = m.stop_reason;
    this.#usage = mergeAnthropicUsage(this.#usage, m.usage);
    this.#complete = m.type === 'message';
  }

  #append(text: string, thinking: string, now: number): void {
    if (this.#ttftMs === undefined && (text !== '' || thinking !== '')) this.#ttftMs = now - this.#startedAt;
    this.#text += text;
    this.#reasoning += thinking;
  }

  result(): CollectedMessage {
    const split = splitThinkTags(this.#text);
    const reasoning = [this.#reasoning, split.reasoning ?? ''].filter((r) => r !== '').join('\n');
    return {
      text: split.text,
      reasoning: reasoning === '' ? undefined : reasoning,
      finishReason: this.#stop === undefined ? undefined : mapAnthropicStopReason(this.#stop),
      usage: mapAnthropicUsage(this.#usage),
      ttftMs: this.#ttftMs,
      messageId: this.#messageId,
      complete: this.#complete,
    };
  }
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}
