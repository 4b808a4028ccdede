import type { Analysis } from '../compare/analyze-runs.ts';
import { formatTable } from './format-table.ts';
import { recommendationLines, runLines, sections } from './report-sections.ts';

/** The terminal report: one plain-text table per section, the recommendation, the run metadata. */
export function formatReportTable(analysis: Analysis): string {
  const parts = sections(analysis).map((s) => `${s.title}\n${formatTable(s.header, s.rows)}`);
  const advice = recommendationLines(analysis);
  if (advice.length > 0) parts.push(`Recommendation\n${advice.map((l) => `- ${l}`).join('\n')}`);
  parts.push(runLines(analysis.runs).join('\n'));
  return `${parts.join('\n\n')}\n`;
}
