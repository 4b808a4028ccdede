import type { Analysis } from '../compare/analyze-runs.ts';
import { formatTable } from './format-table.ts';
import { comparisonSection, recommendationLines } from './report-sections.ts';

/** The comparison against the baseline and the recommendation, for `codebench compare` and the end of a run. */
export function formatComparison(analysis: Analysis): string {
  const section = comparisonSection(analysis);
  if (!section) return '';
  const advice = recommendationLines(analysis).map((l) => `- ${l}`);
  return `${section.title}\n${formatTable(section.header, section.rows)}\n\n${advice.join('\n')}\n`;
}
