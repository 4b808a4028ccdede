import type { DriftResult } from '../compare/detect-drift.ts';
import { count, percent, points, pointsInterval, pValue } from './format-figures.ts';
import { formatTable } from './format-table.ts';

/** One row per model config: its latest run against its earlier ones. */
export function formatDrift(results: readonly DriftResult[]): string {
  const header = ['model', 'latest run', 'earlier runs', 'tasks', 'latest', 'earlier', 'Δ pass@1', '95% CI', 'fell', 'rose', 'p (sign)', 'drift'];
  const rows = results.map((r) => [
    r.name,
    r.latestRunId,
    count(r.earlierRunIds.length),
    count(r.pairedTasks),
    percent(r.latestPassRate),
    percent(r.earlierPassRate),
    points(r.difference),
    pointsInterval(r.differenceCi),
    count(r.worse),
    count(r.better),
    pValue(r.pValue),
    r.drop ? 'DROP' : r.pairedTasks === 0 ? 'no earlier runs' : 'ok',
  ]);
  return `${formatTable(header, rows)}\n`;
}
