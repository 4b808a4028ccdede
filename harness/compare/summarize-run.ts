import type { ModelConfig, SampleRecord } from '../core/run-spec.ts';
import type { Verdict } from '../core/verdict.ts';
import { passAtK } from '../stats/pass-at-k.ts';

export interface ModelSummary {
  name: string;
  configId: string;
  /** Tasks with at least one scored sample. */
  tasks: number;
  samples: number;
  /** Mean over tasks of the unbiased pass@1; `undefined` when nothing was scored. */
  passAt1: number | undefined;
  counts: Record<Verdict, number>;
  /** Sum of generation and grading time over samples, in ms. */
  totalMs: number;
}

/** Per-model figures for the end-of-run table. Unscored samples count in no denominator. */
export function summarizeRun(configs: readonly ModelConfig[], records: readonly SampleRecord[]): ModelSummary[] {
  return configs.map((config) => {
    const mine = records.filter((r) => r.configId === config.configId);
    const counts: Record<Verdict, number> = { pass: 0, fail: 0, error: 0, timeout: 0, 'no-code': 0, unscored: 0 };
    const perTask = new Map<string, { n: number; c: number }>();
    let totalMs = 0;
    for (const r of mine) {
      counts[r.verdict]++;
      totalMs += (r.generateMs ?? 0) + (r.gradeMs ?? 0);
      if (r.verdict === 'unscored') continue;
      const t = perTask.get(r.taskId) ?? { n: 0, c: 0 };
      t.n++;
      if (r.verdict === 'pass') t.c++;
      perTask.set(r.taskId, t);
    }
    const scores = [...perTask.values()].map(({ n, c }) => passAtK(n, c, 1));
    return {
      name: config.name,
      configId: config.configId,
      tasks: perTask.size,
      samples: mine.length,
      passAt1: scores.length === 0 ? undefined : scores.reduce((a, b) => a + b, 0) / scores.length,
      counts,
      totalMs,
    };
  });
}
