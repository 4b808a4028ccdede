import { chat, type OpenAiProbeClient } from './openai-probe-client.ts';
import { apiErrorFacts, deviation, expectAll, show, unsupported, type Probe, type ProbeOutcome } from './probe.ts';
import { PROMPTS } from './probe-prompts.ts';
import { retryAfterOutcome } from './retry-after-outcome.ts';

/** OpenAI's error body: `{error: {message, type, …}}` (providers.md §2.6). */
function errorShape(body: unknown): boolean {
  const inner = (body as { error?: unknown } | undefined)?.error ?? body;
  return typeof (inner as { message?: unknown } | undefined)?.message === 'string';
}

function expectError(error: unknown, statuses: number[], what: string): ProbeOutcome {
  const e = apiErrorFacts(error);
  if (e.status === undefined) return deviation(`${what}: no HTTP status (${show(e.message)})`);
  return expectAll(
    [
      [statuses.includes(e.status), `${what}: status ${e.status}, expected ${statuses.join(' or ')}`],
      [errorShape(e.body), `${what}: error body ${show(e.body)} is not {error: {message, type}}`],
    ],
    `${e.status} ${show(e.message)}`,
  );
}

/** Errors, rate limits and token counting over Chat Completions. */
export const OPENAI_ERROR_PROBES: Probe<OpenAiProbeClient>[] = [
  {
    name: 'bad-request',
    checks: 'an invalid parameter (temperature 5) is refused with 400 and an {error: {message, type}} body',
    why: 'clients decide whether to retry from the status; a 200 or a 500 for a bad request loops or hides the bug',
    run: async (c) => {
      try {
        await chat(c, { messages: [{ role: 'user', content: PROMPTS.exact }], temperature: 5 }, 8);
        return deviation('temperature 5 accepted');
      } catch (error) {
        return expectError(error, [400, 422], 'bad request');
      }
    },
  },
  {
    name: 'stream-error-status',
    checks: 'a bad streaming request fails with an HTTP status before the stream starts, not inside a 200 stream',
    why: 'an error sent after 200 (OpenRouter, providers.md §3.6) carries no status, so clients cannot tell retryable from fatal',
    run: async (c) => {
      try {
        const stream = await c.client.sdk.chat.completions.create({ model: c.model, messages: [{ role: 'user', content: PROMPTS.exact }], temperature: 5, stream: true, [c.client.maxTokensField]: c.tokens.cap(8) });
        for await (const _chunk of stream) {
          // Drained only to see whether an error arrives inside the stream.
        }
        return deviation('a streamed request with temperature 5 was accepted');
      } catch (error) {
        const e = apiErrorFacts(error);
        if (e.status === undefined) return deviation(`error inside a 200 stream: ${show(e.message)}`);
        return expectError(error, [400, 422], 'streamed bad request');
      }
    },
  },
  {
    name: 'bad-key',
    checks: 'a wrong key is refused with 401 (or 403) and an {error: {message}} body',
    why: 'clients ask for a new key on 401 and retry on 5xx; the wrong status sends them round in circles',
    run: async (c) => {
      try {
        await chat(c, { messages: [{ role: 'user', content: PROMPTS.exact }] }, 8, c.badKeyClient);
        return deviation('the key "bad-key" was accepted');
      } catch (error) {
        return expectError(error, [401, 403], 'bad key');
      }
    },
  },
  {
    name: 'retry-after',
    checks: 'a 429 carries Retry-After (observed only when the endpoint rate-limits during the battery)',
    why: 'clients back off by Retry-After; without it they guess, too fast or too slow',
    run: async (c) => retryAfterOutcome(c.observed429),
  },
  {
    name: 'token-counting',
    checks: 'a token-counting endpoint, where offered',
    why: 'clients trim context before sending it',
    run: async () => unsupported('Chat Completions has no token-counting endpoint'),
  },
];
