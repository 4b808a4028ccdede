import type OpenAI from 'openai';
import { chat, finishOf, reasoningOf, textOf, type OpenAiContext, type OpenAiProbeClient } from './openai-probe-client.ts';
import { apiErrorFacts, deviation, expectAll, pass, show, unsupported, type Probe } from './probe.ts';
import { PROMPTS, WEATHER_SCHEMA } from './probe-prompts.ts';

const TOOLS: OpenAI.ChatCompletionTool[] = [{ type: 'function', function: { name: PROMPTS.toolName, description: 'Current weather for a city', parameters: WEATHER_SCHEMA } }];

/** Turn one of the tool round trip: the call, its parsed arguments, or why it is unusable. */
async function askForTool(c: OpenAiContext, extra: object = {}) {
  const r = await chat(c, { messages: [{ role: 'user', content: PROMPTS.tool }], tools: TOOLS, ...extra }, 64);
  const call = r.choices[0]?.message.tool_calls?.[0];
  let args: unknown;
  try {
    args = call?.type === 'function' ? JSON.parse(call.function.arguments) : undefined;
  } catch {
    args = undefined;
  }
  return { r, call, args };
}

function toolTurn(first: OpenAI.ChatCompletion, call: OpenAI.ChatCompletionMessageToolCall, keepReasoning: boolean): OpenAI.ChatCompletionMessageParam[] {
  const message = first.choices[0]!.message;
  const assistant: Record<string, unknown> = { role: 'assistant', content: message.content ?? null, tool_calls: message.tool_calls };
  const reasoning = reasoningOf(message);
  if (keepReasoning && reasoning) assistant[reasoning.field] = reasoning.text;
  return [{ role: 'user', content: PROMPTS.tool }, assistant as unknown as OpenAI.ChatCompletionMessageParam, { role: 'tool', tool_call_id: call.id, content: PROMPTS.toolResult }];
}

/** Tool use and reasoning over Chat Completions. */
export const OPENAI_TOOL_PROBES: Probe<OpenAiProbeClient>[] = [
  {
    name: 'tool-round-trip',
    checks: 'a tool call comes back (finish_reason "tool_calls", JSON arguments), the tool result is accepted, and the model finishes',
    why: 'editing files and running commands are tool calls; malformed arguments stall the agent',
    run: async (c) => {
      const { r, call, args } = await askForTool(c);
      if (!call) return deviation(`no tool call (finish_reason ${show(finishOf(r))}, text ${show(textOf(r))})`);
      if (call.type !== 'function' || args === undefined) return deviation(`malformed tool call arguments ${show(call.type === 'function' ? call.function.arguments : call)}`);
      if ((args as { city?: unknown }).city === undefined) return deviation(`arguments ${show(args)} miss the required "city"`);
      const done = await chat(c, { messages: toolTurn(r, call, true), tools: TOOLS }, 64);
      return expectAll(
        [
          [finishOf(r) === 'tool_calls', `finish_reason ${show(finishOf(r))} with a tool call`],
          [finishOf(done) === 'stop', `finish_reason ${show(finishOf(done))} after the tool result`],
          [textOf(done) !== '', 'no text after the tool result'],
        ],
        `${call.function.name}(${show(args)}) then ${show(textOf(done))}`,
      );
    },
  },
  {
    name: 'reasoning',
    checks: 'with reasoning_effort set, reasoning comes in `reasoning_content` (or `reasoning`), apart from the answer',
    why: 'clients show or hide thinking, and must not paste it into files; vLLM renamed the field (providers.md §3.7)',
    run: async (c) => {
      const r = await chat(c, { messages: [{ role: 'user', content: PROMPTS.reasoning }], reasoning_effort: 'low' }, 512);
      const found = reasoningOf(r.choices[0]?.message);
      if (/<think>/.test(textOf(r))) return deviation('reasoning inline in content as <think>…</think>');
      if (!found) return unsupported('no reasoning returned');
      return expectAll([[textOf(r).trim() === PROMPTS.reasoningText, `text ${show(textOf(r))}`]], `${found.field}: ${show(found.text)}`);
    },
  },
  {
    name: 'reasoning-passback',
    checks: 'a tool turn sent back without its reasoning is accepted (the reference ignores reasoning in requests)',
    why: 'Kimi and DeepSeek answer 400 when reasoning_content is missing (providers.md §3.4); a client that drops it fails every tool turn',
    run: async (c) => {
      // The tool call is sent back as it came, well-formed or not: only the reasoning is under test.
      const { r, call } = await askForTool(c, { reasoning_effort: 'low' });
      if (!call) return unsupported('no tool call to send back');
      if (!reasoningOf(r.choices[0]?.message)) return unsupported('no reasoning returned with the tool call');
      try {
        const done = await chat(c, { messages: toolTurn(r, call, false), tools: TOOLS, reasoning_effort: 'low' }, 512);
        return pass(`accepted without reasoning: ${show(textOf(done))}`);
      } catch (error) {
        const e = apiErrorFacts(error);
        return deviation(`reasoning must be passed back: ${e.status ?? 'error'} ${show(e.message)}`);
      }
    },
  },
];
