import type { ModelSummary } from '../compare/summarize-run.ts';
import { formatTable } from './format-table.ts';

/** Our total and the provider's own bill may differ by rounding; beyond this share it is worth a look. */
const PROVIDER_COST_TOLERANCE = 0.05;

/** The end-of-run table: one row per model config, then any note about costs. */
export function formatRunSummary(summaries: readonly ModelSummary[]): string {
  const header = ['model', 'tasks', 'samples', 'pass@1', 'pass', 'fail', 'error', 'timeout', 'no-code', 'unscored', 'in', 'cache r', 'cache w', 'out', 'reason', '$ total', 'ttft p50', 's/sample'];
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
    tokens(s.tokens.input),
    tokens(s.tokens.cacheRead),
    tokens(s.tokens.cacheWrite),
    tokens(s.tokens.output),
    tokens(s.tokens.reasoning),
    // Unknown is "?", never $0: a model with no price is not free.
    s.cost.totalUsd === undefined ? '?' : dollars(s.cost.totalUsd),
    s.latency.ttftP50Ms === undefined ? '-' : `${Math.round(s.latency.ttftP50Ms)}ms`,
    // Mean generation plus grading time of one sample; summed over samples it would count parallel work twice.
    s.samples === 0 ? '-' : `${(s.totalMs / s.samples / 1000).toFixed(2)}s`,
  ]);
  return [formatTable(header, rows), ...summaries.flatMap(costNotes)].join('\n');
}

function costNotes(s: ModelSummary): string[] {
  const notes: string[] = [];
  const ours = s.cost.totalUsd;
  const theirs = s.cost.providerTotalUsd;
  if (s.cost.unpricedSamples > 0) notes.push(`note: ${s.name}: no price for ${s.cost.unpricedSamples} answer(s), so its cost is unknown (add price: to its config, or --prices FILE)`);
  if (theirs !== undefined && ours === undefined) notes.push(`note: ${s.name}: the provider billed ${dollars(theirs)}`);
  if (theirs !== undefined && ours !== undefined && Math.abs(theirs - ours) > Math.max(PROVIDER_COST_TOLERANCE * Math.max(theirs, ours), 1e-6)) {
    const diff = ((theirs - ours) / ours) * 100;
    notes.push(`note: ${s.name}: the provider billed ${dollars(theirs)} but the price book gives ${dollars(ours)} (${diff > 0 ? '+' : ''}${diff.toFixed(0)}%); check its price`);
  }
  return notes;
}

function tokens(n: number | undefined): string {
  return n === undefined ? '-' : String(n);
}

function dollars(x: number): string {
  if (x === 0) return '$0';
  return x >= 1 ? `$${x.toFixed(2)}` : `$${x.toPrecision(3)}`;
}
