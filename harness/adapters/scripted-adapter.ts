import type { GenerateRequest, GenerateResult } from '../core/generate.ts';
import type { ModelAdapter } from './model-adapter.ts';

/** What a script returns for one request: plain text, a full result, or an error to throw. */
export type ScriptedReply = string | Partial<GenerateResult> | Error;
export type Script = (request: GenerateRequest) => ScriptedReply | Promise<ScriptedReply>;

/**
 * A fake model that is a real adapter: registered and driven like any other, so the runner,
 * grader and store are tested end to end without a network (inspect_ai's `mockllm`).
 */
export class ScriptedAdapter implements ModelAdapter {
  readonly provider = 'scripted';
  readonly model: string;
  readonly calls: GenerateRequest[] = [];
  readonly #script: Script;

  constructor(script: Script | Record<string, ScriptedReply>, model = 'scripted') {
    this.model = model;
    this.#script = typeof script === 'function' ? script : (request) => script[request.taskId] ?? '';
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    this.calls.push(request);
    const started = performance.now();
    const reply = await this.#script(request);
    if (reply instanceof Error) throw reply;
    const partial = typeof reply === 'string' ? { text: reply } : reply;
    return {
      text: partial.text ?? '',
      reasoning: partial.reasoning,
      finishReason: partial.finishReason ?? { unified: 'stop', raw: 'stop' },
      usage: partial.usage ?? {},
      timing: partial.timing ?? { ttftMs: 0, totalMs: performance.now() - started },
      requestId: partial.requestId,
    };
  }
}
