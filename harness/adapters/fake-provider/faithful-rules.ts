import type { FakeRequest } from './fake-provider-server.ts';
import { estimateTokens } from './fake-usage.ts';

/** The misbehaviours of real "drop-in" endpoints that the fake can imitate (providers.md §3). */
export type ConformanceDeviation =
  | 'no-stream-usage'
  | 'wrong-truncation-stop-reason'
  | 'ignore-stop-sequences'
  | 'substitute-model'
  | 'require-reasoning-passback'
  | 'malformed-tool-calls'
  | 'error-in-200-stream';

export const CONFORMANCE_DEVIATIONS: readonly ConformanceDeviation[] = [
  'no-stream-usage',
  'wrong-truncation-stop-reason',
  'ignore-stop-sequences',
  'substitute-model',
  'require-reasoning-passback',
  'malformed-tool-calls',
  'error-in-200-stream',
];

/** The model name a `substitute-model` fake answers as, whatever was asked for (DeepSeek §3.1). */
export const SUBSTITUTE_MODEL = 'fake-default-model';

/** What the fake decided to say, before it is put into either wire format. */
export interface FaithfulAnswer {
  model: string;
  text: string;
  reasoning?: string;
  toolCall?: { id: string; name: string; args: Record<string, string> };
  stop: 'end' | 'length' | 'stop-sequence' | 'tool';
  stopSequence?: string;
  inputTokens: number;
  outputTokens: number;
}

export interface FaithfulError {
  status: number;
  type: string;
  message: string;
}

type Message = { role: string; text: string; toolCalls: boolean; reasoning: boolean; toolResult?: string };

/**
 * Deterministic rules that let every conformance probe pass: `Reply with exactly: X` (in the
 * system prompt or the last user message) gives X; `Count from 1 to N` counts; `Call the T tool
 * with k=v` calls tool T when tools are offered; a tool result is echoed; `Remember the word: W`
 * and `Which word did I ask you to remember?` make a two-turn memory test.
 */
export function faithfulAnswer(request: FakeRequest, deviations: ReadonlySet<ConformanceDeviation>): FaithfulAnswer | FaithfulError {
  const body = request.body ?? {};
  const anthropic = request.protocol === 'anthropic-messages';
  const key = anthropic ? String(request.headers['x-api-key'] ?? '') || bearer(request) : bearer(request);
  if (key === 'bad-key') return { status: 401, type: anthropic ? 'authentication_error' : 'invalid_api_key', message: 'invalid x-api-key' };
  const invalid = invalidParameter(body, anthropic);
  if (invalid) return { status: 400, type: 'invalid_request_error', message: invalid };
  const requested = String(body.model ?? '');
  if (/nonexistent/.test(requested) && !deviations.has('substitute-model')) return { status: 404, type: 'not_found_error', message: `model: ${requested}` };
  const messages = anthropic ? anthropicMessages(body) : openAiMessages(body);
  const system = anthropic ? systemText(body.system) : messages.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => m.text).join('\n');
  const reasoningOn = anthropic ? body.thinking?.type === 'enabled' : body.reasoning_effort !== undefined;
  if (reasoningOn) {
    const assistants = messages.filter((m) => m.role === 'assistant');
    // The reference (Anthropic) needs thinking passed back only on a tool-use turn; Kimi and DeepSeek on every one.
    const missing = deviations.has('require-reasoning-passback')
      ? assistants.some((m) => !m.reasoning)
      : anthropic && assistants.at(-1)?.toolCalls === true && messages.at(-1)?.toolResult !== undefined && !assistants.at(-1)!.reasoning;
    if (missing) return { status: 400, type: 'invalid_request_error', message: 'thinking is enabled but reasoning_content is missing in an assistant message' };
  }
  const last = messages.at(-1);
  const user = [...messages].reverse().find((m) => m.role === 'user' && m.toolResult === undefined)?.text ?? '';
  const tools = Array.isArray(body.tools) && body.tools.length > 0;
  const call = /call the (\w+) tool with (\w+)=(\w+)/i.exec(user);
  const answer: FaithfulAnswer = { model: deviations.has('substitute-model') ? SUBSTITUTE_MODEL : requested, text: '', stop: 'end', inputTokens: estimateTokens(system + messages.map((m) => m.text).join('\n')), outputTokens: 0 };
  if (reasoningOn) answer.reasoning = 'The user wants a short, exact answer.';
  if (last?.toolResult !== undefined) answer.text = `The tool said: ${last.toolResult}`;
  else if (tools && call) {
    answer.toolCall = { id: 'call_fake01', name: call[1]!, args: { [call[2]!]: call[3]! } };
    answer.stop = 'tool';
  } else answer.text = replyTo(system, user, messages);
  const stops: string[] = anthropic ? (body.stop_sequences ?? []) : typeof body.stop === 'string' ? [body.stop] : (body.stop ?? []);
  if (!deviations.has('ignore-stop-sequences')) {
    const hit = stops.map((s) => ({ s, at: answer.text.indexOf(s) })).filter((h) => h.at >= 0).sort((a, b) => a.at - b.at)[0];
    if (hit) Object.assign(answer, { text: answer.text.slice(0, hit.at), stop: 'stop-sequence', stopSequence: hit.s });
  }
  const maxTokens = Number(anthropic ? body.max_tokens : (body.max_completion_tokens ?? body.max_tokens ?? Infinity));
  const reasoningTokens = answer.reasoning === undefined ? 0 : estimateTokens(answer.reasoning);
  if (estimateTokens(answer.text) + reasoningTokens > maxTokens) {
    answer.text = answer.text.slice(0, Math.max(0, maxTokens - reasoningTokens) * 4);
    answer.stop = deviations.has('wrong-truncation-stop-reason') ? 'end' : 'length';
  }
  answer.outputTokens = estimateTokens(answer.text) + reasoningTokens + (answer.toolCall ? 10 : 0);
  return answer;
}

function replyTo(system: string, user: string, messages: Message[]): string {
  const exact = /reply with exactly: (.+)/i;
  const fromSystem = exact.exec(system);
  if (fromSystem) return fromSystem[1]!.trim();
  const fromUser = exact.exec(user);
  if (fromUser) return fromUser[1]!.trim();
  const count = /count from 1 to (\d+)/i.exec(user);
  if (count) return Array.from({ length: Math.min(Number(count[1]), 500) }, (_, i) => String(i + 1)).join(' ');
  if (/which word did i ask you to remember/i.test(user)) {
    const word = messages.map((m) => /remember the word: (\w+)/i.exec(m.text)).find((m) => m !== null);
    return word ? word[1]! : 'I do not know.';
  }
  return 'OK.';
}

function invalidParameter(body: any, anthropic: boolean): string | undefined {
  const t = body.temperature;
  if (t !== undefined && (typeof t !== 'number' || t < 0 || t > (anthropic ? 1 : 2))) return `temperature: must be between 0 and ${anthropic ? 1 : 2}, got ${t}`;
  const p = body.top_p;
  if (p !== undefined && (typeof p !== 'number' || p < 0 || p > 1)) return `top_p: must be between 0 and 1, got ${p}`;
  if (anthropic && !(Number.isInteger(body.max_tokens) && body.max_tokens >= 1)) return 'max_tokens: field required (a positive integer)';
  if (!Array.isArray(body.messages) || body.messages.length === 0) return 'messages: at least one message is required';
  return undefined;
}

function bearer(request: FakeRequest): string {
  return String(request.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
}

function systemText(system: unknown): string {
  if (typeof system === 'string') return system;
  return Array.isArray(system) ? system.map((b: { text?: string }) => b.text ?? '').join('\n') : '';
}

function openAiMessages(body: any): Message[] {
  return (Array.isArray(body.messages) ? body.messages : []).map((m: any) => ({
    role: m.role === 'tool' ? 'user' : m.role,
    text: typeof m.content === 'string' ? m.content : Array.isArray(m.content) ? m.content.map((p: any) => p.text ?? '').join('') : '',
    toolCalls: Array.isArray(m.tool_calls) && m.tool_calls.length > 0,
    reasoning: typeof m.reasoning_content === 'string',
    toolResult: m.role === 'tool' ? String(m.content) : undefined,
  }));
}

function anthropicMessages(body: any): Message[] {
  return (Array.isArray(body.messages) ? body.messages : []).map((m: any) => {
    const blocks: any[] = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : Array.isArray(m.content) ? m.content : [];
    const result = blocks.find((b) => b.type === 'tool_result');
    return {
      role: m.role,
      text: blocks.map((b) => (b.type === 'text' ? b.text : '')).join(''),
      toolCalls: blocks.some((b) => b.type === 'tool_use'),
      reasoning: blocks[0]?.type === 'thinking' || blocks[0]?.type === 'redacted_thinking',
      toolResult: result === undefined ? undefined : typeof result.content === 'string' ? result.content : (result.content ?? []).map((b: any) => b.text ?? '').join(''),
    };
  });
}
