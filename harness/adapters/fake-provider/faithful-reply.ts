import { faithfulAnswer, type ConformanceDeviation, type FaithfulAnswer, type FaithfulError } from './faithful-rules.ts';
import type { FakeRequest } from './fake-provider-server.ts';
import type { FakeReply } from './fake-reply.ts';
import { estimateTokens } from './fake-usage.ts';

const OPENAI_STOP = { end: 'stop', length: 'length', 'stop-sequence': 'stop', tool: 'tool_calls' } as const;
const ANTHROPIC_STOP = { end: 'end_turn', length: 'max_tokens', 'stop-sequence': 'stop_sequence', tool: 'tool_use' } as const;

/** Faithful mode: a reply that follows the reference API's documentation, bar the deviations switched on. */
export function faithfulReply(request: FakeRequest, deviations: ReadonlySet<ConformanceDeviation>): FakeReply {
  const anthropic = request.protocol === 'anthropic-messages';
  if (request.path.endsWith('/v1/messages/count_tokens')) {
    const messages: unknown[] = Array.isArray(request.body?.messages) ? request.body.messages : [];
    return { type: 'json', body: { input_tokens: estimateTokens(JSON.stringify(request.body?.system ?? '') + JSON.stringify(messages)) } };
  }
  if (request.protocol === 'other') return { type: 'json', status: 404, body: { error: { message: `no route ${request.method} ${request.path}`, type: 'not_found_error' } } };
  const answer = faithfulAnswer(request, deviations);
  const stream = request.body?.stream === true;
  if ('status' in answer) return errorReply(answer, anthropic, stream && deviations.has('error-in-200-stream'));
  if (anthropic) return stream ? { type: 'sse', frames: anthropicFrames(answer, deviations) } : { type: 'json', body: anthropicBody(answer, deviations) };
  const includeUsage = request.body?.stream_options?.include_usage === true && !deviations.has('no-stream-usage');
  return stream ? { type: 'sse', frames: openAiFrames(answer, includeUsage, deviations) } : { type: 'json', body: openAiBody(answer, deviations) };
}

function errorReply(e: FaithfulError, anthropic: boolean, inStream: boolean): FakeReply {
  const body = anthropic ? { type: 'error', error: { type: e.type, message: e.message }, request_id: 'req_fake_error' } : { error: { message: e.message, type: e.type, param: null, code: e.type } };
  // OpenRouter style (providers.md §3.6): the status line says 200 and the error arrives as an event.
  if (inStream) return { type: 'sse', frames: [anthropic ? `event: error\ndata: ${JSON.stringify(body)}\n\n` : `data: ${JSON.stringify(body)}\n\n`] };
  return { type: 'json', status: e.status, body };
}

function toolArgs(a: FaithfulAnswer, deviations: ReadonlySet<ConformanceDeviation>): string {
  const json = JSON.stringify(a.toolCall!.args);
  return deviations.has('malformed-tool-calls') ? json.slice(0, -2) : json;
}

function usageOf(a: FaithfulAnswer) {
  return { prompt_tokens: a.inputTokens, completion_tokens: a.outputTokens, total_tokens: a.inputTokens + a.outputTokens };
}

function openAiBody(a: FaithfulAnswer, deviations: ReadonlySet<ConformanceDeviation>): Record<string, unknown> {
  const message: Record<string, unknown> = { role: 'assistant', content: a.toolCall ? null : a.text };
  if (a.reasoning !== undefined) message.reasoning_content = a.reasoning;
  if (a.toolCall) message.tool_calls = [{ id: a.toolCall.id, type: 'function', function: { name: a.toolCall.name, arguments: toolArgs(a, deviations) } }];
  return { id: 'chatcmpl-faithful', object: 'chat.completion', created: 1_782_321_917, model: a.model, choices: [{ index: 0, message, logprobs: null, finish_reason: OPENAI_STOP[a.stop] }], usage: usageOf(a) };
}

function openAiFrames(a: FaithfulAnswer, includeUsage: boolean, deviations: ReadonlySet<ConformanceDeviation>): string[] {
  const chunk = (choice: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-faithful', object: 'chat.completion.chunk', created: 1_782_321_917, model: a.model, choices: choice ? [{ index: 0, ...choice }] : [], ...extra })}\n\n`;
  const frames = [chunk({ delta: { role: 'assistant', content: '' }, finish_reason: null })];
  if (a.reasoning !== undefined) frames.push(chunk({ delta: { reasoning_content: a.reasoning }, finish_reason: null }));
  for (const piece of pieces(a.text)) frames.push(chunk({ delta: { content: piece }, finish_reason: null }));
  if (a.toolCall) {
    const call = { index: 0, id: a.toolCall.id, type: 'function', function: { name: a.toolCall.name, arguments: toolArgs(a, deviations) } };
    frames.push(chunk({ delta: { tool_calls: [call] }, finish_reason: null }));
  }
  frames.push(chunk({ delta: {}, finish_reason: OPENAI_STOP[a.stop] }));
  if (includeUsage) frames.push(chunk(undefined, { usage: usageOf(a) }));
  frames.push('data: [DONE]\n\n');
  return frames;
}

function anthropicContent(a: FaithfulAnswer, deviations: ReadonlySet<ConformanceDeviation>): Record<string, unknown>[] {
  const content: Record<string, unknown>[] = [];
  if (a.reasoning !== undefined) content.push({ type: 'thinking', thinking: a.reasoning, signature: 'EtYDCkYICxgCKkAVfake' });
  if (a.text !== '' || !a.toolCall) content.push({ type: 'text', text: a.text });
  if (a.toolCall) {
    // Malformed: the arguments arrive as a broken JSON string instead of an object.
    const input = deviations.has('malformed-tool-calls') ? toolArgs(a, deviations) : a.toolCall.args;
    content.push({ type: 'tool_use', id: `toolu_${a.toolCall.id}`, name: a.toolCall.name, input });
  }
  return content;
}

function anthropicBody(a: FaithfulAnswer, deviations: ReadonlySet<ConformanceDeviation>): Record<string, unknown> {
  return {
    id: 'msg_faithful01',
    type: 'message',
    role: 'assistant',
    model: a.model,
    content: anthropicContent(a, deviations),
    stop_reason: ANTHROPIC_STOP[a.stop],
    stop_sequence: a.stopSequence ?? null,
    usage: { input_tokens: a.inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: a.outputTokens },
  };
}

function anthropicFrames(a: FaithfulAnswer, deviations: ReadonlySet<ConformanceDeviation>): string[] {
  const event = (name: string, data: Record<string, unknown>) => `event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}\n\n`;
  // Without usage: zeros where the counts belong (the SDK needs the fields to exist).
  const noUsage = deviations.has('no-stream-usage');
  const input = noUsage ? 0 : a.inputTokens;
  const frames = [
    event('message_start', {
      message: { id: 'msg_faithful01', type: 'message', role: 'assistant', model: a.model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: input, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: noUsage ? 0 : 1 } },
    }),
    event('ping', {}),
  ];
  for (const [index, block] of anthropicContent(a, deviations).entries()) {
    if (block.type === 'thinking') {
      frames.push(event('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } }));
      frames.push(event('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: block.thinking } }));
      frames.push(event('content_block_delta', { index, delta: { type: 'signature_delta', signature: block.signature } }));
    } else if (block.type === 'text') {
      frames.push(event('content_block_start', { index, content_block: { type: 'text', text: '' } }));
      for (const piece of pieces(String(block.text))) frames.push(event('content_block_delta', { index, delta: { type: 'text_delta', text: piece } }));
    } else {
      frames.push(event('content_block_start', { index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } }));
      const json = typeof block.input === 'string' ? block.input : JSON.stringify(block.input);
      frames.push(event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: json } }));
    }
    frames.push(event('content_block_stop', { index }));
  }
  frames.push(event('message_delta', { delta: { stop_reason: ANTHROPIC_STOP[a.stop], stop_sequence: a.stopSequence ?? null }, usage: { output_tokens: noUsage ? 0 : a.outputTokens } }));
  frames.push(event('message_stop', {}));
  return frames;
}

function pieces(text: string): string[] {
  const size = Math.max(1, Math.ceil(text.length / 3));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
