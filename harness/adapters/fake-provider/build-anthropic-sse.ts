import type { FakeAnswer } from './build-openai-sse.ts';
import type { FakeUsage } from './fake-usage.ts';

function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * A whole Messages API stream in the real API's current shape (providers.md §1.5): named events,
 * a ping, a thinking block with its signature before the text, cumulative usage on message_delta.
 */
export function anthropicStreamFrames(answer: FakeAnswer, usage: FakeUsage, model: string): string[] {
  const inputUsage = { input_tokens: usage.prompt - usage.cached, cache_creation_input_tokens: 0, cache_read_input_tokens: usage.cached };
  const frames = [
    event('message_start', {
      type: 'message_start',
      message: { model, id: 'msg_fake01', type: 'message', role: 'assistant', content: [], stop_reason: null, stop_sequence: null, usage: { ...inputUsage, output_tokens: 1, service_tier: 'standard' } },
    }),
  ];
  let index = 0;
  if (answer.reasoning !== undefined) {
    frames.push(event('content_block_start', { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } }));
    frames.push(event('ping', { type: 'ping' }));
    frames.push(event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: answer.reasoning } }));
    frames.push(event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: 'EtYDCkYICxgCKkAVfake' } }));
    frames.push(event('content_block_stop', { type: 'content_block_stop', index }));
    index++;
  }
  frames.push(event('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }));
  if (answer.reasoning === undefined) frames.push(event('ping', { type: 'ping' }));
  const size = Math.max(1, Math.ceil(answer.text.length / 3));
  for (let i = 0; i < answer.text.length; i += size) {
    frames.push(event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: answer.text.slice(i, i + size) } }));
  }
  frames.push(event('content_block_stop', { type: 'content_block_stop', index }));
  frames.push(event('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { ...inputUsage, output_tokens: usage.completion } }));
  frames.push(event('message_stop', { type: 'message_stop' }));
  return frames;
}

/** A non-streaming `Message`. */
export function anthropicMessageBody(answer: FakeAnswer, usage: FakeUsage, model: string): Record<string, unknown> {
  const content: unknown[] = [];
  if (answer.reasoning !== undefined) content.push({ type: 'thinking', thinking: answer.reasoning, signature: 'EtYDCkYICxgCKkAVfake' });
  content.push({ type: 'text', text: answer.text });
  return {
    model,
    id: 'msg_fake01',
    type: 'message',
    role: 'assistant',
    content,
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: usage.prompt - usage.cached, cache_creation_input_tokens: 0, cache_read_input_tokens: usage.cached, output_tokens: usage.completion },
  };
}
