import type Anthropic from '@anthropic-ai/sdk';
import { eventOrderProblem, message, messageStream, textOf } from './anthropic-probe-client.ts';
import { deviation, expectAll, pass, sameModel, show, type Probe } from './probe.ts';
import { PROMPTS } from './probe-prompts.ts';

const user = (content: string) => ({ role: 'user' as const, content });

/** Text, streaming, usage, limits and the model name over the Messages API (providers.md §1). */
export const ANTHROPIC_TEXT_PROBES: Probe<Anthropic>[] = [
  {
    name: 'text',
    checks: 'a non-streamed answer comes back as a text block with stop_reason "end_turn"',
    why: 'every request a client makes depends on it',
    run: async (c) => {
      const r = await message(c, { messages: [user(PROMPTS.exact)] });
      return expectAll([[textOf(r).trim() === PROMPTS.exactText, `text ${show(textOf(r))}`], [r.stop_reason === 'end_turn', `stop_reason ${show(r.stop_reason)}`]], `${show(textOf(r))}, end_turn`);
    },
  },
  {
    name: 'streaming',
    checks: 'events in order (message_start, nested content blocks, message_delta, message_stop) and the SDK accumulation equals the non-streamed answer',
    why: 'Claude Code and other clients render and parse the stream as it arrives; an out-of-order event drops text or tool calls',
    run: async (c) => {
      const plain = await message(c, { messages: [user(PROMPTS.exact)] });
      const { events, final } = await messageStream(c, { messages: [user(PROMPTS.exact)] });
      const order = eventOrderProblem(events);
      return expectAll(
        [
          [order === undefined, `event order: ${order}`],
          [textOf(final) === textOf(plain), `streamed ${show(textOf(final))} but not streamed ${show(textOf(plain))}`],
          [final.stop_reason === plain.stop_reason, `stop_reason ${show(final.stop_reason)} streamed, ${show(plain.stop_reason)} not`],
        ],
        `${events.length} events, accumulation matches`,
      );
    },
  },
  {
    name: 'usage',
    checks: 'a non-streamed answer reports input and output tokens',
    why: 'cost tracking and context-window management read usage from every response',
    run: async (c) => {
      const u = (await message(c, { messages: [user(PROMPTS.exact)] })).usage;
      return expectAll([[(u?.input_tokens ?? 0) > 0 && (u?.output_tokens ?? 0) > 0, `usage ${show(u)}`]], `${u?.input_tokens} in, ${u?.output_tokens} out`);
    },
  },
  {
    name: 'stream-usage',
    checks: 'a streamed answer reports input tokens on message_start and output tokens on message_delta, equal to the non-streamed ones',
    why: 'clients stream everything; without usage in the stream they cannot count cost or context',
    run: async (c) => {
      const plain = (await message(c, { messages: [user(PROMPTS.exact)] })).usage;
      const { events } = await messageStream(c, { messages: [user(PROMPTS.exact)] });
      const start = events.find((e) => e.type === 'message_start');
      const delta = [...events].reverse().find((e) => e.type === 'message_delta');
      const input = start?.type === 'message_start' ? start.message.usage?.input_tokens : undefined;
      const output = delta?.type === 'message_delta' ? delta.usage?.output_tokens : undefined;
      if (!(input! > 0) || !(output! > 0)) return deviation(`no usage in the stream (input ${input}, output ${output})`);
      return expectAll([[input === plain.input_tokens, `input_tokens ${input} streamed, ${plain.input_tokens} not`]], `${input} in, ${output} out`);
    },
  },
  {
    name: 'max-tokens',
    checks: 'an answer cut by max_tokens ends with stop_reason "max_tokens"',
    why: 'clients continue or warn on a truncated answer only when told; "end_turn" makes half a file look finished',
    run: async (c) => {
      const r = await message(c, { messages: [user(PROMPTS.longCount)] }, 5);
      return expectAll([[r.stop_reason === 'max_tokens', `stop_reason ${show(r.stop_reason)} on a truncated answer`]], 'max_tokens');
    },
  },
  {
    name: 'stop-sequences',
    checks: 'stop_sequences end the answer, with stop_reason "stop_sequence" and the sequence named',
    why: 'clients use stop sequences to end tool-call and edit formats; ignoring them runs on into garbage',
    run: async (c) => {
      const r = await message(c, { messages: [user(PROMPTS.shortCount)], stop_sequences: [PROMPTS.stopSequence] });
      return expectAll(
        [
          [!textOf(r).includes(PROMPTS.stopSequence), `text ${show(textOf(r))} runs past the stop sequence`],
          [r.stop_reason === 'stop_sequence', `stop_reason ${show(r.stop_reason)}`],
          [r.stop_sequence === PROMPTS.stopSequence, `stop_sequence ${show(r.stop_sequence)}`],
        ],
        `${show(textOf(r))}, stop_sequence`,
      );
    },
  },
  {
    name: 'system-prompt',
    checks: 'the system prompt overrides a conflicting user instruction',
    why: 'a coding agent\'s rules and tool instructions live in the system prompt',
    run: async (c) => {
      const r = await message(c, { system: PROMPTS.systemExact, messages: [user(PROMPTS.systemUser)] });
      return expectAll([[textOf(r).trim() === PROMPTS.systemText, `text ${show(textOf(r))}`]], show(textOf(r)));
    },
  },
  {
    name: 'sampling-params',
    checks: 'temperature and top_p are accepted (one at a time, as newer Claude models refuse both together)',
    why: 'clients set them; a 400 on either breaks every request',
    run: async (c) => {
      await message(c, { messages: [user(PROMPTS.exact)], temperature: 0.2 });
      await message(c, { messages: [user(PROMPTS.exact)], top_p: 0.9 });
      return pass('temperature 0.2, top_p 0.9 accepted');
    },
  },
  {
    name: 'multi-turn',
    checks: 'an earlier turn is remembered',
    why: 'every agent loop is a growing conversation',
    run: async (c) => {
      const first = await message(c, { messages: [user(PROMPTS.remember)] });
      const r = await message(c, { messages: [user(PROMPTS.remember), { role: 'assistant', content: textOf(first) || 'OK.' }, user(PROMPTS.recall)] });
      return expectAll([[textOf(r).toLowerCase().includes(PROMPTS.recallText), `text ${show(textOf(r))}`]], show(textOf(r)));
    },
  },
  {
    name: 'model-echo',
    checks: 'the response names the model asked for, and an unknown model name is refused',
    why: 'a silently substituted model (DeepSeek maps unknown names, providers.md §3.1) makes every result lie about what was measured',
    run: async (c) => {
      const r = await message(c, { messages: [user(PROMPTS.exact)] });
      if (!sameModel(c.model, r.model)) return deviation(`asked for ${show(c.model)}, answered as ${show(r.model)}`);
      const unknown = `${c.model}${PROMPTS.unknownModelSuffix}`;
      try {
        const other = await message(c, { messages: [user(PROMPTS.exact)], model: unknown }, 8);
        return deviation(`unknown model ${show(unknown)} answered as ${show(other.model)}`);
      } catch (error) {
        const status = (error as { status?: number }).status;
        return status !== undefined && status >= 400 && status < 500 ? pass(`echoed ${show(r.model)}; unknown name refused with ${status}`) : deviation(`unknown model: ${(error as Error).message}`);
      }
    },
  },
];
