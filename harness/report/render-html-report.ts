import type { Analysis } from '../compare/analyze-runs.ts';
import { escapeHtml } from './html-escape.ts';
import { recommendationLines, type Section, sections } from './report-sections.ts';
import { renderScatterSvg } from './render-scatter-svg.ts';
import { renderTaskGrid } from './render-task-grid.ts';

// Everything inline: the file is mailed, attached to CI runs and opened offline.
const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px auto; max-width: 1200px; padding: 0 16px; color: #1d1d1f; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
table { border-collapse: collapse; margin: 8px 0; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 8px; border-bottom: 1px solid #eee; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
thead th { background: #f5f5f7; position: sticky; top: 0; }
#recommendation { background: #eef6ee; border-left: 4px solid #2e7d32; padding: 8px 16px; }
#recommendation li:first-child { font-weight: 600; }
.wide { overflow-x: auto; max-width: 100%; }
.scroll { max-height: 480px; overflow: auto; border: 1px solid #eee; display: inline-block; }
table.grid td { text-align: center; min-width: 40px; }
td.pass { background: #c8e6c9; } td.fail { background: #ffcdd2; } td.some { background: #fff3c4; }
td.unscored { background: #e0e0e0; } td.none { color: #aaa; }
svg { font: 11px system-ui, sans-serif; background: #fff; }
svg .grid { stroke: #eee; } svg .axis { stroke: #333; } svg .tick { fill: #555; } svg .label { fill: #222; font-size: 12px; }
svg .unknown-band { fill: #f5f5f5; }
svg .frontier { fill: none; stroke: #2e7d32; stroke-width: 1.5; stroke-dasharray: 5 3; }
svg .ci line { stroke: #555; stroke-width: 1.2; }
svg .point { fill: #1565c0; stroke: #fff; stroke-width: 1.5; }
svg .point.pareto { fill: #2e7d32; } svg .point.baseline { fill: #6a1b9a; } svg .point.recommended { fill: #ef6c00; }
svg .point-label { fill: #222; }
.legend span { display: inline-block; margin-right: 14px; } .legend i { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; }
dl { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; } dt { color: #555; }
`;

function table(section: Section): string {
  const head = `<tr>${section.header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr>`;
  const rows = section.rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`);
  return `<h2>${escapeHtml(section.title)}</h2>\n<div class="wide"><table class="models"><thead>${head}</thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`;
}

function runMetadata(analysis: Analysis): string {
  return analysis.runs
    .map((run) => {
      const items: [string, string][] = [
        ['run', `${run.id} (${run.name})`],
        ['status', run.status],
        ['started', run.startedAt],
        ['finished', run.finishedAt ?? '-'],
        ['harness version', run.harnessVersion],
        ['git commit', run.spec.gitCommit ?? '-'],
        ['corpus hash', run.corpusHash],
        ['suites', run.spec.suites.join(', ')],
        ['samples per task', String(run.spec.samples)],
        ['host', run.host],
        ['sandbox', run.spec.sandbox],
        ['repair round', run.spec.repair ? 'on' : 'off'],
        ['models', run.spec.models.map((m) => `${m.name} [${m.configId}] ${JSON.stringify(m.params)}`).join('; ')],
      ];
      return `<dl>${items.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
    })
    .join('\n');
}

/** The single-file HTML report: recommendation, scatter, model tables, per-task grid, run metadata. */
export function renderHtmlReport(analysis: Analysis): string {
  const advice = recommendationLines(analysis);
  const tasks = new Set(analysis.models.flatMap((m) => m.outcomes.map((o) => o.taskId))).size;
  const title = `codebench report: ${analysis.runs.map((r) => r.name).join(', ') || 'no runs'}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<section id="recommendation" aria-label="Recommendation">
<h2>Recommendation</h2>
${advice.length > 0 ? `<ul>\n${advice.map((l) => `<li>${escapeHtml(l)}</li>`).join('\n')}\n</ul>` : '<p>One model only: nothing to compare.</p>'}
</section>
<h2>Cost against quality</h2>
<figure>
${renderScatterSvg(analysis)}
<figcaption class="legend"><span><i style="background:#6a1b9a"></i>baseline</span><span><i style="background:#ef6c00"></i>recommended</span><span><i style="background:#2e7d32"></i>on the Pareto frontier (dashed)</span><span><i style="background:#1565c0"></i>other</span> Bars are 95% intervals of pass@1.</figcaption>
</figure>
${sections(analysis).map(table).join('\n')}
<h2>Per task (${tasks} tasks)</h2>
<div class="scroll">
${renderTaskGrid(analysis)}
</div>
<h2>Runs</h2>
${runMetadata(analysis)}
</body>
</html>
`;
}
