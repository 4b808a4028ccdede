import type Anthropic from '@anthropic-ai/sdk';
import type { ProbeContext } from './probe.ts';

export type AnthropicContext = ProbeContext<Anthropic>;
/** SDK 1.x no longer types the sampling parameters, which many endpoints still take. */
type Params = Anthropic.MessageCreateParamsNonStreaming & { temperature?: number; top_p?: number };

/** A small non-streaming request; tokens are tallied and the output bounded by `maxTokens`. */
export async function message(context: AnthropicContext, params: Omit<Params, 'model' | 'max_tokens'> & { model?: string }, maxTokens = 32, client = context.client): Promise<Anthropic.Message> {
  const r = await client.messages.create({ model: context.model, ...params, max_tokens: context.tokens.cap(maxTokens) } as Params);
  context.tokens.add(r.usage?.input_tokens, r.usage?.output_tokens);
  return r;
}

/** The same request streamed; every event is kept, in order, with the SDK's own accumulated message. */
export async function messageStream(context: AnthropicContext, params: Omit<Params, 'model' | 'max_tokens'>, maxTokens = 32): Promise<{ events: Anthropic.MessageStreamEvent[]; final: Anthropic.Message }> {
  const stream = context.client.messages.stream({ model: context.model, ...params, max_tokens: context.tokens.cap(maxTokens) });
  const events: Anthropic.MessageStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  const final = await stream.finalMessage();
  context.tokens.add(final.usage?.input_tokens, final.usage?.output_tokens);
  return { events, final };
}

export function textOf(m: Anthropic.Message): string {
  return m.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
}

/** What is wrong with the order of a Messages stream (providers.md §1.5), or `undefined`. */
export function eventOrderProblem(events: readonly Anthropic.MessageStreamEvent[]): string | undefined {
  const names = events.map((e) => e.type).filter((t) => (t as string) !== 'ping');
  if (names[0] !== 'message_start') return `first event ${names[0]}`;
  if (names.at(-1) !== 'message_stop') return `last event ${names.at(-1)}`;
  if (names.at(-2) !== 'message_delta') return `${names.at(-2)} before message_stop, not message_delta`;
  let open: number | undefined;
  let next = 0;
  for (const e of events) {
    if (e.type === 'content_block_start') {
      if (open !== undefined || e.index !== next) return `content_block_start ${e.index} out of order`;
      open = e.index;
    } else if (e.type === 'content_block_delta') {
      if (e.index !== open) return `content_block_delta for block ${e.index} outside it`;
    } else if (e.type === 'content_block_stop') {
      if (e.index !== open) return `content_block_stop ${e.index} without its start`;
      open = undefined;
      next++;
    }
  }
  return open === undefined ? undefined : `block ${open} never stopped`;
}
