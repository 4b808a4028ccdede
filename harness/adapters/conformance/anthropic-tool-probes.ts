import type Anthropic from '@anthropic-ai/sdk';
import { message, textOf } from './anthropic-probe-client.ts';
import { apiErrorFacts, deviation, expectAll, pass, show, unsupported, type Probe } from './probe.ts';
import { PROMPTS, WEATHER_SCHEMA } from './probe-prompts.ts';

const TOOLS: Anthropic.Tool[] = [{ name: PROMPTS.toolName, description: 'Current weather for a city', input_schema: WEATHER_SCHEMA as unknown as Anthropic.Tool.InputSchema }];
/** The smallest budget the reference accepts; max_tokens must exceed it. */
const THINKING = { type: 'enabled', budget_tokens: 1024 } as const;
const THINKING_MAX = 1100;

/** Tool use and extended thinking over the Messages API. */
export const ANTHROPIC_TOOL_PROBES: Probe<Anthropic>[] = [
  {
    name: 'tool-round-trip',
    checks: 'a tool_use block comes back (stop_reason "tool_use", an object input), the tool_result is accepted, and the model finishes',
    why: 'editing files and running commands are tool calls; malformed input stalls the agent',
    run: async (c) => {
      const first = await message(c, { messages: [{ role: 'user', content: PROMPTS.tool }], tools: TOOLS }, 64);
      const call = first.content.find((b) => b.type === 'tool_use');
      if (!call) return deviation(`no tool_use block (stop_reason ${show(first.stop_reason)}, text ${show(textOf(first))})`);
      const input = call.input as Record<string, unknown> | string | null;
      if (input === null || typeof input !== 'object') return deviation(`malformed tool_use input ${show(input)} (not an object)`);
      if (input.city === undefined) return deviation(`input ${show(input)} misses the required "city"`);
      const done = await message(
        c,
        {
          tools: TOOLS,
          messages: [
            { role: 'user', content: PROMPTS.tool },
            { role: 'assistant', content: first.content },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: PROMPTS.toolResult }] },
          ],
        },
        64,
      );
      return expectAll(
        [
          [first.stop_reason === 'tool_use', `stop_reason ${show(first.stop_reason)} with a tool_use block`],
          [done.stop_reason === 'end_turn', `stop_reason ${show(done.stop_reason)} after the tool result`],
          [textOf(done) !== '', 'no text after the tool result'],
        ],
        `${call.name}(${show(input)}) then ${show(textOf(done))}`,
      );
    },
  },
  {
    name: 'reasoning',
    checks: 'with thinking enabled, a thinking block (with its signature) comes before the text',
    why: 'clients show or hide thinking, must not paste it into files, and must send the signed block back on tool turns',
    run: async (c) => {
      const r = await message(c, { messages: [{ role: 'user', content: PROMPTS.reasoning }], thinking: THINKING }, THINKING_MAX);
      const thinking = r.content.find((b) => b.type === 'thinking');
      if (!thinking) return /<think>/.test(textOf(r)) ? deviation('thinking inline in the text as <think>…</think>') : unsupported('no thinking block returned');
      return expectAll(
        [
          [r.content[0]?.type === 'thinking', 'the thinking block is not first'],
          [textOf(r).trim() === PROMPTS.reasoningText, `text ${show(textOf(r))}`],
        ],
        `thinking: ${show(thinking.thinking)}`,
      );
    },
  },
  {
    name: 'reasoning-passback',
    checks: 'an earlier (non-tool) assistant turn sent back without its thinking block is accepted, as the reference documents',
    why: 'Kimi and DeepSeek answer 400 when reasoning is missing from history (providers.md §3.4); clients that drop it then fail',
    run: async (c) => {
      const first = await message(c, { messages: [{ role: 'user', content: PROMPTS.reasoning }], thinking: THINKING }, THINKING_MAX);
      if (!first.content.some((b) => b.type === 'thinking')) return unsupported('no thinking block returned');
      try {
        const r = await message(
          c,
          { thinking: THINKING, messages: [{ role: 'user', content: PROMPTS.reasoning }, { role: 'assistant', content: textOf(first) || 'OK.' }, { role: 'user', content: PROMPTS.exact }] },
          THINKING_MAX,
        );
        return pass(`accepted without the thinking block: ${show(textOf(r))}`);
      } catch (error) {
        const e = apiErrorFacts(error);
        return deviation(`thinking must be passed back: ${e.status ?? 'error'} ${show(e.message)}`);
      }
    },
  },
];
