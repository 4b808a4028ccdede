import type { Analysis } from '../compare/analyze-runs.ts';
import { toLeaderboard } from './to-leaderboard.ts';

/** RFC 4180: quote a field that holds a comma, quote, or line break; double inner quotes. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Flattens nested objects to dotted column names, in their (fixed) key order. */
function flatten(value: Record<string, unknown>, prefix = '', out: [string, unknown][] = []): [string, unknown][] {
  for (const [key, v] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (v && typeof v === 'object' && !Array.isArray(v) && key !== 'params' && key !== 'prices') flatten(v as Record<string, unknown>, name, out);
    else out.push([name, v]);
  }
  return out;
}

/**
 * One row per model with every leaderboard figure as a raw number (the same rounding as the JSON),
 * for spreadsheets. Unknown figures are empty cells, not 0.
 */
export function formatReportCsv(analysis: Analysis): string {
  const board = toLeaderboard(analysis) as { models: Record<string, unknown>[] };
  const rows = board.models.map((m) => flatten(m));
  const columns = [...new Set(rows.flatMap((r) => r.map(([name]) => name)))];
  const lines = [columns.map(field).join(','), ...rows.map((r) => {
    const byName = new Map(r);
    return columns.map((c) => field(byName.get(c))).join(',');
  })];
  return `${lines.join('\r\n')}\r\n`;
}
