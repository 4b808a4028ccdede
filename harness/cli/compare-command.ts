import type { CommandModule } from 'yargs';
import { analyzeRuns, DEFAULT_MARGIN } from '../compare/analyze-runs.ts';
import { formatComparison } from '../report/format-comparison.ts';
import { toLeaderboard } from '../report/to-leaderboard.ts';
import { openStore } from '../store/open-store.ts';
import { loadRuns } from './load-runs.ts';
import type { CliIO } from './main.ts';

interface CompareArgs {
  baseline: string;
  candidates?: string[];
  margin: number;
  run: string[];
  db: string;
  seed: number;
  json?: boolean;
}

export function compareCommand(setCode: (code: number) => void, io: CliIO): CommandModule<object, CompareArgs> {
  return {
    command: 'compare',
    describe: 'Compare models with a baseline on the same tasks: verdicts, cost ratio, recommendation, fallback pair',
    builder: (y) =>
      y
        .option('baseline', { type: 'string', demandOption: true, describe: 'Model (spec, name or config id) to compare against' })
        .option('candidates', { type: 'string', array: true, describe: 'Only these models (default: every other model in the run)' })
        .option('margin', { type: 'number', default: DEFAULT_MARGIN, describe: 'Non-inferiority margin as a share of tasks (0.05 = 5 points)' })
        .option('run', { type: 'string', array: true, default: ['latest'], describe: 'Run id or name, or "latest" (repeatable)' })
        .option('db', { type: 'string', default: 'results/codebench.db', describe: 'SQLite results file' })
        .option('seed', { type: 'number', default: 0, describe: 'Seed of the bootstrap intervals' })
        .option('json', { type: 'boolean', describe: 'Print the comparisons and recommendation as JSON' })
        .example('$0 compare --baseline anthropic:claude-sonnet-4-5 --margin 0.03', 'Is anything cheaper as good, within 3 points?'),
    handler: (args) => {
      const store = openStore(args.db, { readonly: true });
      try {
        const analysis = analyzeRuns({ runs: loadRuns(store, args.run, '--run'), baseline: args.baseline, candidates: args.candidates, margin: args.margin, seed: args.seed });
        if (args.json) {
          const board = toLeaderboard(analysis) as { settings: unknown; models: { vsBaseline: unknown }[]; recommendation: unknown };
          const models = board.models.filter((m) => m.vsBaseline !== null);
          io.stdout(`${JSON.stringify({ settings: board.settings, comparisons: models, recommendation: board.recommendation }, null, 2)}\n`);
        } else {
          io.stdout(formatComparison(analysis));
        }
        setCode(0);
      } finally {
        store.close();
      }
    },
  };
}
