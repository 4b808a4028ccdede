import type { ModelConfig, SampleRecord } from '../core/run-spec.ts';
import type { ModelReport } from './model-summary.ts';
import { type SummarizeOptions, summarizeModel } from './summarize-model.ts';

/** The end-of-run figures for one model: the full summary (see summarize-model.ts) without per-task rows. */
export interface ModelSummary extends Omit<ModelReport, 'outcomes' | 'passAt1'> {
  /** Mean over tasks of the unbiased pass@1; `undefined` when nothing was scored. */
  passAt1: number | undefined;
  /** Sum of generation and grading time over samples, in ms. */
  totalMs: number;
}

/** Per-model figures for the end-of-run table. Unscored samples count in no denominator. */
export function summarizeRun(configs: readonly ModelConfig[], records: readonly SampleRecord[], options: SummarizeOptions = {}): ModelSummary[] {
  // Without the run spec, a repair record on any sample shows the repair round was on.
  const repair = options.repair ?? records.some((r) => r.repair !== undefined);
  return configs.map((config) => {
    const { outcomes: _perTask, passAt1, ...report } = summarizeModel(config, records, { ...options, repair });
    let totalMs = 0;
    for (const r of records) if (r.configId === config.configId) totalMs += (r.generateMs ?? 0) + (r.gradeMs ?? 0);
    return { ...report, passAt1, totalMs };
  });
}
