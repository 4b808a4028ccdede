import type { Analysis } from '../compare/analyze-runs.ts';
import { recommendationLines, runLines, type Section, sections } from './report-sections.ts';

// A figure as format-figures prints it: −1.5, 80.0%, $0.0012, 0.10×, 450ms, <0.0001, or a dash.
const NUMBER = /^(?:[-+−<$]*\d[\d.,]*(?:%|×|ms|s)?|-)$/;
const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');

function markdownTable(section: Section): string {
  const right = section.header.map((_, i) => section.rows.length > 0 && section.rows.every((r) => NUMBER.test(r[i] ?? '')));
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(section.header), `|${right.map((r) => (r ? ' ---: ' : ' --- ')).join('|')}|`, ...section.rows.map(line)].join('\n');
}

/** The report as GitHub-flavoured Markdown, for pull requests. */
export function formatReportMarkdown(analysis: Analysis): string {
  const parts = ['# codebench report'];
  const advice = recommendationLines(analysis);
  if (advice.length > 0) parts.push(`## Recommendation\n\n${advice.map((l) => `- ${cell(l)}`).join('\n')}`);
  for (const s of sections(analysis)) parts.push(`## ${s.title}\n\n${markdownTable(s)}`);
  parts.push(`## Runs\n\n${runLines(analysis.runs).map((l) => `- ${cell(l)}`).join('\n')}`);
  return `${parts.join('\n\n')}\n`;
}
