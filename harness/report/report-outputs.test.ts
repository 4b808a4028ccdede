import { beforeAll, describe, expect, it } from 'vitest';
import { type Analysis, analyzeRuns } from '../compare/analyze-runs.ts';
import { formatComparison } from './format-comparison.ts';
import { formatReportCsv } from './format-report-csv.ts';
import { formatReportMarkdown } from './format-report-markdown.ts';
import { formatReportTable } from './format-report-table.ts';
import { renderHtmlReport } from './render-html-report.ts';
import { demoStore } from './test-analysis.ts';
import { formatLeaderboard, LEADERBOARD_SCHEMA, toLeaderboard } from './to-leaderboard.ts';
import { validateLeaderboard } from './validate-leaderboard.ts';

let analyze: (baseline?: string) => Analysis;
beforeAll(async () => {
  ({ analyze } = await demoStore());
});

describe('leaderboard JSON', () => {
  it('validates against leaderboard.schema.json, with and without a baseline', () => {
    const withBaseline = JSON.parse(formatLeaderboard(analyze()));
    expect(validateLeaderboard(withBaseline)).toEqual([]);
    expect(withBaseline.schema).toBe(LEADERBOARD_SCHEMA);
    const plain = JSON.parse(formatLeaderboard({ ...analyze(), baseline: undefined, comparisons: [], recommendation: undefined }));
    expect(validateLeaderboard(plain)).toEqual([]);
  });

  it('is byte-identical when built twice from the same data', () => {
    expect(formatLeaderboard(analyze())).toBe(formatLeaderboard(analyze()));
    expect(renderHtmlReport(analyze())).toBe(renderHtmlReport(analyze()));
    expect(formatReportCsv(analyze())).toBe(formatReportCsv(analyze()));
  });

  it('carries the verdicts, the recommendation, reproducibility metadata and per-task outcomes', () => {
    const board = toLeaderboard(analyze()) as any;
    expect(board.models.map((m: any) => [m.rank, m.name, m.scores.passAt1, m.vsBaseline?.verdict ?? null, m.paretoOptimal])).toEqual([
      [1, 'scripted:base', 0.8, null, true],
      [2, 'scripted:cheap', 0.79, 'non-inferior', true],
      [3, 'scripted:mid', 0.77, 'inconclusive', false],
      [4, 'scripted:worse', 0.72, 'worse', false],
    ]);
    expect(board.models[1].vsBaseline.costRatio).toBe(0.1);
    expect(board.recommendation.switchTo).toMatchObject({ name: 'scripted:cheap' });
    expect(board.runs[0]).toMatchObject({ harnessVersion: '0.1.0', gitCommit: '0123456789abcdef0123456789abcdef01234567', corpusHash: 'syn-hash', host: 'test-host', sandbox: 'none', status: 'complete' });
    expect(board.tasks).toHaveLength(200);
    expect(board.tasks[0]).toEqual({ id: 'syn/000', results: { 'cfg-scripted-base': { n: 1, passed: 0, first: 'fail' }, 'cfg-scripted-cheap': { n: 1, passed: 1, first: 'pass' }, 'cfg-scripted-mid': { n: 1, passed: 0, first: 'fail' }, 'cfg-scripted-worse': { n: 1, passed: 0, first: 'fail' } } });
  });

  it('rejects a document that breaks the schema, naming where', () => {
    const board = toLeaderboard(analyze()) as any;
    board.models[0].scores.passAt1 = 1.5;
    delete board.runs[0].corpusHash;
    const problems = validateLeaderboard(board);
    expect(problems.some((p) => p.startsWith('/models/0/scores/passAt1'))).toBe(true);
    expect(problems.some((p) => p.startsWith('/runs/0') && p.includes('corpusHash'))).toBe(true);
  });
});

describe('a run with nothing scored yet', () => {
  it('renders every format with dashes and nulls, never NaN', () => {
    const run = analyze().runs[0]!;
    const empty = analyzeRuns({ runs: [{ run, samples: [] }], baseline: 'scripted:base' });
    for (const text of [formatReportTable(empty), formatReportMarkdown(empty), formatReportCsv(empty), formatLeaderboard(empty), renderHtmlReport(empty)]) {
      expect(text).not.toMatch(/NaN|undefined|Infinity/);
    }
    expect(validateLeaderboard(JSON.parse(formatLeaderboard(empty)))).toEqual([]);
    expect(formatComparison(empty)).toMatch(/scripted:cheap: no tasks scored for both it and scripted:base, so they cannot be compared\./);
  });
});

describe('human-readable reports', () => {
  it('prints the tables, the recommendation and the run metadata in the terminal', () => {
    const text = formatReportTable(analyze());
    expect(text).toMatch(/^Quality\nmodel +tasks/);
    expect(text).toContain('scripted:base (baseline)');
    expect(text).toMatch(/scripted:cheap +−1\.0 +−3\.5 to \+1\.0 .* non-inferior +0\.10×/);
    expect(text).toContain('- Switch to scripted:cheap');
    expect(text).toMatch(/corpus syn-hash, suites syn, 1 sample\(s\)\/task, host test-host, sandbox none/);
    expect(text).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('writes Markdown tables with escaped cells and numbers aligned right', () => {
    const md = formatReportMarkdown(analyze());
    expect(md).toMatch(/^# codebench report\n\n## Recommendation\n\n- Switch to scripted:cheap/);
    expect(md).toContain('| model | tasks | samples | pass@1 | 95% CI |');
    expect(md).toContain('| --- | ---: | ---: | ---: | --- |');
  });

  it('writes CSV with one row per model and empty cells for unknowns', () => {
    const lines = formatReportCsv(analyze()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(5);
    const header = lines[0]!.split(',');
    const row = Object.fromEntries(lines[2]!.replace(/"[^"]*"/g, 'X').split(',').map((v, i) => [header[i], v]));
    expect(row).toMatchObject({ name: 'scripted:cheap', 'scores.passAt1': '0.79', 'usage.tokens.reasoning': '', 'vsBaseline.verdict': 'non-inferior', 'vsBaseline.costRatio': '0.1' });
  });

  it('prints the comparison alone for `compare` and the end of a run', () => {
    expect(formatComparison(analyze())).toMatch(/^Against scripted:base \(margin 5\.0 points\)\n/);
    expect(formatComparison(analyze('scripted:cheap'))).toMatch(/scripted:base +\+1\.0/);
    expect(formatComparison({ ...analyze(), baseline: undefined })).toBe('');
  });

  it('renders one self-contained HTML file: no scripts, styles or images from elsewhere', () => {
    const html = renderHtmlReport(analyze());
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(html.match(/https?:\/\/[^"\s]+/g)).toEqual(['http://www.w3.org/2000/svg']);
    expect(html.match(/<circle class="point/g)).toHaveLength(4);
    expect(html).toContain('<polyline class="frontier"');
    expect(html).toContain('id="task-grid"');
  });

  it('escapes model names in HTML', () => {
    const analysis = analyze();
    analysis.models[0]!.name = '<script>alert(1)</script>';
    expect(renderHtmlReport(analysis)).not.toContain('<script>alert');
  });
});
