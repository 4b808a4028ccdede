import type OpenAI from 'openai';
import type { ProbeContext } from './probe.ts';

/** The `openai` SDK client plus the one request quirk the probes must respect. */
export interface OpenAiProbeClient {
  sdk: OpenAI;
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
}

export type OpenAiContext = ProbeContext<OpenAiProbeClient>;
type Params = OpenAI.ChatCompletionCreateParamsNonStreaming;

/** A small non-streaming request; tokens are tallied and the output bounded by `maxTokens`. */
export async function chat(context: OpenAiContext, params: Omit<Params, 'model'> & { model?: string }, maxTokens = 32, client = context.client): Promise<OpenAI.ChatCompletion> {
  const body = { model: context.model, ...params, [client.maxTokensField]: context.tokens.cap(maxTokens) } as Params;
  const completion = await client.sdk.chat.completions.create(body);
  context.tokens.add(completion.usage?.prompt_tokens, completion.usage?.completion_tokens);
  return completion;
}

/** The same request streamed with usage asked for; every chunk is kept, in order, with the SDK's own accumulation. */
export async function chatStream(context: OpenAiContext, params: Omit<Params, 'model'>, maxTokens = 32): Promise<{ chunks: OpenAI.ChatCompletionChunk[]; final: OpenAI.ChatCompletion }> {
  const body = { model: context.model, ...params, stream: true, stream_options: { include_usage: true }, [context.client.maxTokensField]: context.tokens.cap(maxTokens) };
  const stream = context.client.sdk.chat.completions.stream(body as Parameters<OpenAI['chat']['completions']['stream']>[0]);
  const chunks: OpenAI.ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  const final = await stream.finalChatCompletion();
  const usage = [...chunks].reverse().find((c) => c.usage)?.usage;
  context.tokens.add(usage?.prompt_tokens, usage?.completion_tokens);
  return { chunks, final };
}

export function textOf(completion: OpenAI.ChatCompletion): string {
  return completion.choices[0]?.message.content ?? '';
}

export function finishOf(completion: OpenAI.ChatCompletion): string | undefined {
  return completion.choices[0]?.finish_reason ?? undefined;
}

/** DeepSeek and Kimi say `reasoning_content`; OpenRouter and newer vLLM say `reasoning` (providers.md §3.7). */
export function reasoningOf(message: unknown): { field: string; text: string } | undefined {
  const m = message as Record<string, unknown> | undefined;
  for (const field of ['reasoning_content', 'reasoning']) if (typeof m?.[field] === 'string' && m[field] !== '') return { field, text: m[field] as string };
  return undefined;
}
