import type { FakeRequest } from './fake-provider-server.ts';
import { errorReply, type FakeReply } from './fake-reply.ts';

const chunk = (content: string) => `data: ${JSON.stringify({ id: 'chatcmpl-fault', object: 'chat.completion.chunk', created: 1, model: 'fake', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;

/** The faults a flaky OpenAI-style provider produces, one of each kind. */
export const OPENAI_FAULTS: Record<string, () => FakeReply> = {
  'rate-limited': () => errorReply(429, { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }, { 'retry-after': '1', 'retry-after-ms': '200' }),
  'server-error': () => errorReply(500, { error: { message: 'The server had an error while processing your request.', type: 'server_error' } }),
  overloaded: () => errorReply(529, { error: { message: 'Overloaded', type: 'overloaded_error' } }),
  'reset-mid-stream': () => ({ type: 'sse', frames: [chunk('def '), chunk('f('), chunk('):')], resetAfter: 2 }),
  'malformed-body': () => ({ type: 'sse', frames: [chunk('x'), 'data: {"id": "chatcmpl-fault", "choices": [\n\n'] }),
};

/**
 * Injects a fault into a share of requests, chosen with the given random source (seed it for
 * repeatable runs). Records which fault each request got.
 */
export function randomFaults(rate: number, random: () => number): { fault: (request: FakeRequest) => FakeReply | undefined; injected: string[] } {
  const kinds = Object.keys(OPENAI_FAULTS);
  const injected: string[] = [];
  return {
    injected,
    fault: () => {
      if (random() >= rate) return undefined;
      const kind = kinds[Math.floor(random() * kinds.length)]!;
      injected.push(kind);
      return OPENAI_FAULTS[kind]!();
    },
  };
}
