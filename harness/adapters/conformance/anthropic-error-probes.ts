import type Anthropic from '@anthropic-ai/sdk';
import { message } from './anthropic-probe-client.ts';
import { apiErrorFacts, deviation, expectAll, pass, show, unsupported, type Probe, type ProbeOutcome } from './probe.ts';
import { PROMPTS } from './probe-prompts.ts';
import { retryAfterOutcome } from './retry-after-outcome.ts';

/** Anthropic's error body: `{type: "error", error: {type, message}}` (providers.md §1.6). */
function expectError(error: unknown, statuses: number[], types: string[], what: string): ProbeOutcome {
  const e = apiErrorFacts(error);
  if (e.status === undefined) return deviation(`${what}: no HTTP status (${show(e.message)})`);
  const body = e.body as { type?: unknown; error?: { type?: unknown; message?: unknown } } | undefined;
  return expectAll(
    [
      [statuses.includes(e.status), `${what}: status ${e.status}, expected ${statuses.join(' or ')}`],
      [body?.type === 'error' && typeof body.error?.message === 'string', `${what}: body ${show(body)} is not {type: "error", error: {type, message}}`],
      [types.includes(String(body?.error?.type)), `${what}: error type ${show(body?.error?.type)}, expected ${types.join(' or ')}`],
    ],
    `${e.status} ${String(body?.error?.type)}`,
  );
}

/** Errors, rate limits and token counting over the Messages API. */
export const ANTHROPIC_ERROR_PROBES: Probe<Anthropic>[] = [
  {
    name: 'bad-request',
    checks: 'an invalid parameter (temperature 5) is refused with 400 invalid_request_error',
    why: 'clients decide whether to retry from the status; a 200 or a 500 for a bad request loops or hides the bug',
    run: async (c) => {
      try {
        await message(c, { messages: [{ role: 'user', content: PROMPTS.exact }], temperature: 5 }, 8);
        return deviation('temperature 5 accepted');
      } catch (error) {
        return expectError(error, [400], ['invalid_request_error'], 'bad request');
      }
    },
  },
  {
    name: 'stream-error-status',
    checks: 'a bad streaming request fails with an HTTP status before the stream starts, not as an error event inside a 200 stream',
    why: 'an error sent after 200 (OpenRouter, providers.md §3.6) carries no status, so clients cannot tell retryable from fatal',
    run: async (c) => {
      try {
        const stream = await c.client.messages.create({ model: c.model, max_tokens: c.tokens.cap(8), messages: [{ role: 'user', content: PROMPTS.exact }], temperature: 5, stream: true } as Anthropic.MessageCreateParamsStreaming);
        for await (const _event of stream) {
          // Drained only to see whether an error arrives inside the stream.
        }
        return deviation('a streamed request with temperature 5 was accepted');
      } catch (error) {
        const e = apiErrorFacts(error);
        if (e.status === undefined) return deviation(`error inside a 200 stream: ${show(e.message)}`);
        return expectError(error, [400], ['invalid_request_error'], 'streamed bad request');
      }
    },
  },
  {
    name: 'bad-key',
    checks: 'a wrong key is refused with 401 authentication_error',
    why: 'clients ask for a new key on 401 and retry on 5xx; the wrong status sends them round in circles',
    run: async (c) => {
      try {
        await message(c, { messages: [{ role: 'user', content: PROMPTS.exact }] }, 8, c.badKeyClient);
        return deviation('the key "bad-key" was accepted');
      } catch (error) {
        return expectError(error, [401, 403], ['authentication_error', 'permission_error'], 'bad key');
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
    checks: 'POST /v1/messages/count_tokens answers {input_tokens} close to what a request reports',
    why: 'Claude Code counts tokens before sending to trim context',
    run: async (c) => {
      try {
        const counted = await c.client.messages.countTokens({ model: c.model, messages: [{ role: 'user', content: PROMPTS.exact }] });
        return counted.input_tokens > 0 ? pass(`${counted.input_tokens} input tokens`) : deviation(`input_tokens ${show(counted.input_tokens)}`);
      } catch (error) {
        const e = apiErrorFacts(error);
        if (e.status === 404 || e.status === 405 || e.status === 501) return unsupported(`count_tokens answers ${e.status}`);
        throw error;
      }
    },
  },
];
