import type { SampleRecord } from '../core/run-spec.ts';
import { quantile } from '../stats/quantile.ts';
import type { LatencyFigures } from './model-summary.ts';

/**
 * Latency of first answers (repair rounds would mix a second, longer prompt in). Answers served
 * from the generation cache keep the timing of the call that paid for them.
 */
export function latencyFigures(records: readonly SampleRecord[]): LatencyFigures {
  const ttft = records.flatMap((r) => (r.ttftMs === undefined ? [] : [r.ttftMs]));
  const total = records.flatMap((r) => (r.generateMs === undefined || r.rawCompletion === '' ? [] : [r.generateMs]));
  let tokens = 0;
  let ms = 0;
  for (const r of records) {
    if (r.usage.outputTokens === undefined || r.generateMs === undefined || r.generateMs <= 0) continue;
    tokens += r.usage.outputTokens;
    ms += r.generateMs;
  }
  const figures: LatencyFigures = {};
  const put = (key: keyof LatencyFigures, value: number | undefined) => {
    if (value !== undefined) figures[key] = value;
  };
  put('ttftP50Ms', quantile(ttft, 0.5));
  put('ttftP95Ms', quantile(ttft, 0.95));
  put('totalP50Ms', quantile(total, 0.5));
  put('totalP95Ms', quantile(total, 0.95));
  if (ms > 0) figures.outputTokensPerSecond = tokens / (ms / 1000);
  return figures;
}
