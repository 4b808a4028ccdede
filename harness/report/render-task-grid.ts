import type { Analysis } from '../compare/analyze-runs.ts';
import type { TaskOutcome } from '../compare/model-summary.ts';
import { escapeHtml } from './html-escape.ts';

function cell(o: TaskOutcome | undefined): string {
  if (!o) return '<td class="none" title="not run">·</td>';
  if (o.n === 0) return `<td class="unscored" title="unscored">?</td>`;
  const state = o.c === o.n ? 'pass' : o.c === 0 ? 'fail' : 'some';
  const text = o.n === 1 ? (o.c === 1 ? '✓' : '✗') : `${o.c}/${o.n}`;
  const repaired = o.repaired > o.c ? ` repaired ${o.repaired}/${o.n}` : '';
  return `<td class="${state}" title="${o.c} of ${o.n} passed${o.first && o.first !== 'pass' ? `; sample 0: ${o.first}` : ''}${repaired}">${text}</td>`;
}

/** Which model solved which task: one row per task, one column per model, in the report's model order. */
export function renderTaskGrid(analysis: Analysis): string {
  const ids = [...new Set(analysis.models.flatMap((m) => m.outcomes.map((o) => o.taskId)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const lookups = analysis.models.map((m) => new Map(m.outcomes.map((o) => [o.taskId, o])));
  const solvedBy = (id: string) => lookups.filter((l) => (l.get(id)?.c ?? 0) > 0).length;
  const head = `<tr><th scope="col">task</th>${analysis.models.map((m) => `<th scope="col">${escapeHtml(m.name)}</th>`).join('')}<th scope="col">solved by</th></tr>`;
  const rows = ids.map((id) => `<tr><th scope="row">${escapeHtml(id)}</th>${lookups.map((l) => cell(l.get(id))).join('')}<td class="count">${solvedBy(id)}</td></tr>`);
  return `<table id="task-grid" class="grid"><thead>${head}</thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}
