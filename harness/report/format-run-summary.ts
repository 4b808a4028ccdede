import type { ModelSummary } from '../compare/summarize-run.ts';
import { formatTable } from './format-table.ts';

/** The end-of-run table: one row per model config. */
export function formatRunSummary(summaries: readonly ModelSummary[]): string {
  const header = ['model', 'tasks', 'samples', 'pass@1', 'pass', 'fail', 'error', 'timeout', 'no-code', 'unscored', 'time'];
  const rows = summaries.map((s) => [
    s.name,
    s.tasks,
    s.samples,
    s.passAt1 === undefined ? '-' : `${(s.passAt1 * 100).toFixed(1)}%`,
    s.counts.pass,
    s.counts.fail,
    s.counts.error,
    s.counts.timeout,
    s.counts['no-code'],
    s.counts.unscored,
    `${(s.totalMs / 1000).toFixed(1)}s`,
  ]);
  return formatTable(header, rows);
}
