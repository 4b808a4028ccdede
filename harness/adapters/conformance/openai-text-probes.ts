import { chat, chatStream, finishOf, textOf, type OpenAiContext, type OpenAiProbeClient } from './openai-probe-client.ts';
import { deviation, expectAll, pass, sameModel, show, type Probe } from './probe.ts';
import { PROMPTS } from './probe-prompts.ts';

const user = (content: string) => ({ role: 'user' as const, content });

/** Text, streaming, usage, limits and the model name over Chat Completions (providers.md §2). */
export const OPENAI_TEXT_PROBES: Probe<OpenAiProbeClient>[] = [
  {
    name: 'text',
    checks: 'a non-streamed answer comes back with finish_reason "stop"',
    why: 'every request a client makes depends on it',
    run: async (c) => {
      const r = await chat(c, { messages: [user(PROMPTS.exact)] });
      return expectAll([[textOf(r).trim() === PROMPTS.exactText, `text ${show(textOf(r))}`], [finishOf(r) === 'stop', `finish_reason ${show(finishOf(r))}`]], `${show(textOf(r))}, stop`);
    },
  },
  {
    name: 'streaming',
    checks: 'chunks in order (role first, one finish_reason, usage-only chunk last) and the SDK accumulation equals the non-streamed answer',
    why: 'clients render and parse the stream as it arrives; an out-of-order chunk drops text or tool calls',
    run: async (c) => {
      const plain = await chat(c, { messages: [user(PROMPTS.exact)] });
      const { chunks, final } = await chatStream(c, { messages: [user(PROMPTS.exact)] });
      const withChoice = chunks.filter((k) => k.choices.length > 0);
      const finishAt = chunks.findIndex((k) => k.choices.some((ch) => ch.finish_reason));
      const finishes = chunks.filter((k) => k.choices.some((ch) => ch.finish_reason)).length;
      return expectAll(
        [
          [withChoice[0]?.choices[0]?.delta.role === 'assistant', 'the first chunk does not carry role "assistant"'],
          [finishes === 1 || finishes === 2, `${finishes} chunks carry a finish_reason`],
          [chunks.slice(finishAt + 1).every((k) => k.choices.every((ch) => !ch.delta.content)), 'content after the finish_reason'],
          [textOf(final) === textOf(plain), `streamed ${show(textOf(final))} but not streamed ${show(textOf(plain))}`],
          [finishOf(final) === finishOf(plain), `finish_reason ${show(finishOf(final))} streamed, ${show(finishOf(plain))} not`],
        ],
        `${chunks.length} chunks, accumulation matches`,
      );
    },
  },
  {
    name: 'usage',
    checks: 'a non-streamed answer reports prompt and completion tokens',
    why: 'cost tracking and context-window management read usage from every response',
    run: async (c) => {
      const u = (await chat(c, { messages: [user(PROMPTS.exact)] })).usage;
      return expectAll([[(u?.prompt_tokens ?? 0) > 0 && (u?.completion_tokens ?? 0) > 0, `usage ${show(u)}`]], `${u?.prompt_tokens} in, ${u?.completion_tokens} out`);
    },
  },
  {
    name: 'stream-usage',
    checks: 'with stream_options.include_usage a streamed answer reports usage, and its prompt tokens equal the non-streamed ones',
    why: 'coding clients stream everything; without usage in the stream they cannot count cost or context',
    run: async (c) => {
      const plain = (await chat(c, { messages: [user(PROMPTS.exact)] })).usage;
      const { chunks } = await chatStream(c, { messages: [user(PROMPTS.exact)] });
      const u = [...chunks].reverse().find((k) => k.usage)?.usage ?? (chunks.flatMap((k) => k.choices).find((ch) => (ch as { usage?: unknown }).usage) as { usage?: typeof plain })?.usage;
      if (!u || !(u.prompt_tokens > 0) || !(u.completion_tokens > 0)) return deviation(`no usage in the stream (${show(u ?? null)})`);
      return expectAll([[u.prompt_tokens === plain?.prompt_tokens, `prompt_tokens ${u.prompt_tokens} streamed, ${plain?.prompt_tokens} not`]], `${u.prompt_tokens} in, ${u.completion_tokens} out`);
    },
  },
  {
    name: 'max-tokens',
    checks: 'an answer cut by max_tokens ends with finish_reason "length"',
    why: 'clients continue or warn on a truncated answer only when told; "stop" makes half a file look finished',
    run: async (c) => {
      const r = await chat(c, { messages: [user(PROMPTS.longCount)] }, 5);
      return expectAll([[finishOf(r) === 'length', `finish_reason ${show(finishOf(r))} on a truncated answer`]], 'length');
    },
  },
  {
    name: 'stop-sequences',
    checks: '`stop` ends the answer before the sequence',
    why: 'clients use stop sequences to end tool-call and edit formats; ignoring them runs on into garbage',
    run: async (c) => {
      const r = await chat(c, { messages: [user(PROMPTS.shortCount)], stop: [PROMPTS.stopSequence] });
      const text = textOf(r);
      return expectAll([[!text.includes(PROMPTS.stopSequence), `text ${show(text)} runs past the stop sequence`], [finishOf(r) === 'stop', `finish_reason ${show(finishOf(r))}`]], `${show(text)}, stop`);
    },
  },
  {
    name: 'system-prompt',
    checks: 'a system message overrides a conflicting user instruction',
    why: 'a coding agent\'s rules and tool instructions live in the system prompt',
    run: async (c) => {
      const r = await chat(c, { messages: [{ role: 'system', content: PROMPTS.systemExact }, user(PROMPTS.systemUser)] });
      return expectAll([[textOf(r).trim() === PROMPTS.systemText, `text ${show(textOf(r))}`]], show(textOf(r)));
    },
  },
  {
    name: 'sampling-params',
    checks: 'temperature and top_p are accepted',
    why: 'clients set them; a 400 on either breaks every request',
    run: async (c) => {
      await chat(c, { messages: [user(PROMPTS.exact)], temperature: 0.2 });
      await chat(c, { messages: [user(PROMPTS.exact)], top_p: 0.9 });
      return pass('temperature 0.2, top_p 0.9 accepted');
    },
  },
  {
    name: 'multi-turn',
    checks: 'an earlier turn is remembered',
    why: 'every agent loop is a growing conversation',
    run: async (c) => {
      const first = await chat(c, { messages: [user(PROMPTS.remember)] });
      const r = await chat(c, { messages: [user(PROMPTS.remember), { role: 'assistant', content: textOf(first) }, user(PROMPTS.recall)] });
      return expectAll([[textOf(r).toLowerCase().includes(PROMPTS.recallText), `text ${show(textOf(r))}`]], show(textOf(r)));
    },
  },
  {
    name: 'model-echo',
    checks: 'the response names the model asked for, and an unknown model name is refused',
    why: 'a silently substituted model (DeepSeek maps unknown names, providers.md §3.1) makes every result lie about what was measured',
    run: async (c) => {
      const r = await chat(c, { messages: [user(PROMPTS.exact)] });
      if (!sameModel(c.model, r.model)) return deviation(`asked for ${show(c.model)}, answered as ${show(r.model)}`);
      const unknown = `${c.model}${PROMPTS.unknownModelSuffix}`;
      try {
        const other = await chat(c, { messages: [user(PROMPTS.exact)], model: unknown }, 8);
        return deviation(`unknown model ${show(unknown)} answered as ${show(other.model)}`);
      } catch (error) {
        const status = (error as { status?: number }).status;
        return status !== undefined && status >= 400 && status < 500 ? pass(`echoed ${show(r.model)}; unknown name refused with ${status}`) : deviation(`unknown model: ${(error as Error).message}`);
      }
    },
  },
];

export type { OpenAiContext };
