import type { ProbeReport, ProbeResult } from './probe.ts';
import type { ConformanceReport } from './run-conformance.ts';

export type ConformanceFormat = 'table' | 'md' | 'json';

/** A probe whose result changed since the previous stored battery for the same model and protocol. */
export interface ProbeChange {
  name: string;
  before: ProbeResult | 'absent';
  after: ProbeResult | 'absent';
  detail: string;
}

/** What changed against an earlier battery: new, vanished and changed results, in the current order. */
export function diffConformance(previous: readonly { name: string; result: ProbeResult }[], current: readonly ProbeReport[]): ProbeChange[] {
  const before = new Map(previous.map((p) => [p.name, p.result]));
  const changes: ProbeChange[] = [];
  for (const p of current) {
    const was = before.get(p.name) ?? 'absent';
    if (was !== p.result) changes.push({ name: p.name, before: was, after: p.result, detail: p.detail });
  }
  const now = new Set(current.map((p) => p.name));
  for (const p of previous) if (!now.has(p.name)) changes.push({ name: p.name, before: p.result, after: 'absent', detail: '' });
  return changes;
}

export interface FormatInput {
  report: ConformanceReport;
  baseUrlHost: string;
  /** `undefined` when there is no earlier battery to compare with. */
  changes?: ProbeChange[];
  previousAt?: string;
}

export function formatConformance(input: FormatInput, format: ConformanceFormat): string {
  const { report } = input;
  if (format === 'json') {
    return `${JSON.stringify({ model: report.model, protocol: report.protocol, baseUrlHost: input.baseUrlHost, probes: report.probes, tokens: report.tokens, previousAt: input.previousAt, changes: input.changes }, null, 2)}\n`;
  }
  const rows = report.probes.map((p) => [p.name, p.result, p.detail]);
  const counts = (['pass', 'deviation', 'unsupported'] as const).map((r) => `${report.probes.filter((p) => p.result === r).length} ${r}`).join(', ');
  const t = report.tokens;
  const lines: string[] = [];
  const title = `Conformance of ${report.model} over ${report.protocol} at ${input.baseUrlHost}`;
  if (format === 'md') {
    lines.push(`### ${title}`, '', '| probe | result | detail |', '|---|---|---|', ...rows.map((r) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`), '');
  } else {
    lines.push(title, '', ...table([['probe', 'result', 'detail'], ...rows]), '');
  }
  lines.push(`${counts}. Tokens: ${t.input} in, ${t.output} out (output bounded by ${t.outputBound}).`);
  if (input.changes !== undefined) {
    if (input.changes.length === 0) lines.push(`No change since ${input.previousAt}.`);
    else lines.push(`Changed since ${input.previousAt}:`, ...input.changes.map((c) => `  ${c.name}: ${c.before} -> ${c.after}${c.detail ? ` (${c.detail})` : ''}`));
  }
  return `${lines.join('\n')}\n`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  '));
}
