import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CommandModule } from 'yargs';
import { type Analysis, analyzeRuns, DEFAULT_MARGIN } from '../compare/analyze-runs.ts';
import { formatReportCsv } from '../report/format-report-csv.ts';
import { formatReportMarkdown } from '../report/format-report-markdown.ts';
import { formatReportTable } from '../report/format-report-table.ts';
import { renderHtmlReport } from '../report/render-html-report.ts';
import { formatLeaderboard } from '../report/to-leaderboard.ts';
import { openStore } from '../store/open-store.ts';
import { limitRunsSince, loadRuns } from './load-runs.ts';
import type { CliIO } from './main.ts';

const FORMATS = ['table', 'md', 'csv', 'json', 'html'] as const;
type Format = (typeof FORMATS)[number];

interface ReportArgs {
  run: string[];
  baseline?: string;
  margin: number;
  format: Format;
  out?: string;
  db: string;
  seed: number;
  since?: string;
}

const RENDER: Record<Format, (analysis: Analysis) => string> = {
  table: formatReportTable,
  md: formatReportMarkdown,
  csv: formatReportCsv,
  json: formatLeaderboard,
  html: renderHtmlReport,
};

/** Writes a report to `out` (creating its folder) or returns it for stdout. */
export function emit(text: string, out: string | undefined, io: CliIO): void {
  if (out === undefined) {
    io.stdout(text);
    return;
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  io.stderr(`codebench: wrote ${out}\n`);
}

export function reportCommand(setCode: (code: number) => void, io: CliIO): CommandModule<object, ReportArgs> {
  return {
    command: 'report',
    describe: 'Report a stored run: per-model quality, cost and speed, and verdicts against a baseline',
    builder: (y) =>
      y
        .option('run', { type: 'string', array: true, default: ['latest'], describe: 'Run id or name, or "latest" (repeatable)' })
        .option('baseline', { type: 'string', describe: 'Model (spec, name or config id) the others are compared with' })
        .option('margin', { type: 'number', default: DEFAULT_MARGIN, describe: 'Non-inferiority margin as a share of tasks (0.05 = 5 points)' })
        .option('format', { choices: FORMATS, default: 'table' as Format, describe: 'Output format (json is the leaderboard schema)' })
        .option('out', { type: 'string', describe: 'Write to this file instead of stdout' })
        .option('db', { type: 'string', default: 'results/codebench.db', describe: 'SQLite results file' })
        .option('seed', { type: 'number', default: 0, describe: 'Seed of the bootstrap intervals' })
        .option('since', { type: 'string', describe: "Only tasks created on or after this date (YYYY-MM-DD), e.g. a model's training cutoff" })
        .example('$0 report', 'The latest run as tables')
        .example('$0 report --since 2026-06-01', 'Only problems newer than the models’ training data')
        .example('$0 report --baseline anthropic:claude-sonnet-4-5 --format html --out results/report.html', 'A single-file HTML report'),
    handler: (args) => {
      const store = openStore(args.db, { readonly: true });
      try {
        const loaded = loadRuns(store, args.run, '--run');
        const runs = args.since === undefined ? loaded : limitRunsSince(loaded, args.since, '--since');
        if (args.since !== undefined) io.stderr(`codebench: limited to tasks created on or after ${args.since}\n`);
        const analysis = analyzeRuns({ runs, baseline: args.baseline, margin: args.margin, seed: args.seed });
        emit(RENDER[args.format](analysis), args.out, io);
        setCode(0);
      } finally {
        store.close();
      }
    },
  };
}
