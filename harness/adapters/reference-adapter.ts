import { InputError } from '../core/errors.ts';
import type { GenerateRequest, GenerateResult } from '../core/generate.ts';
import type { Task } from '../core/task.ts';
import type { ModelAdapter } from './model-adapter.ts';

/** Answers each task with its reference solution: the ceiling a real model is measured against. */
export class ReferenceAdapter implements ModelAdapter {
  readonly provider = 'reference';
  readonly model = 'reference';
  readonly #answers: Map<string, string>;

  constructor(tasks: readonly Task[]) {
    this.#answers = new Map(tasks.filter((t) => t.reference !== undefined).map((t) => [t.id, t.reference!]));
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    const started = performance.now();
    const text = this.#answers.get(request.taskId);
    if (text === undefined) throw new InputError(`task ${request.taskId} has no reference solution`);
    return {
      text,
      finishReason: { unified: 'stop', raw: 'reference' },
      // A reference costs nothing, and 0 here is a known count, not a missing one.
      usage: { inputTokens: 0, outputTokens: 0 },
      timing: { ttftMs: 0, totalMs: performance.now() - started },
    };
  }
}
