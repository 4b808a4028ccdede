import type { CommandModule } from 'yargs';
import { analyzeRuns, DEFAULT_MARGIN } from '../compare/analyze-runs.ts';
import { formatLeaderboard } from '../report/to-leaderboard.ts';
import { validateLeaderboard } from '../report/validate-leaderboard.ts';
import { openStore } from '../store/open-store.ts';
import { loadRuns } from './load-runs.ts';
import type { CliIO } from './main.ts';
import { emit } from './report-command.ts';

interface LeaderboardArgs {
  out: string;
  runs?: string[];
  baseline?: string;
  margin: number;
  db: string;
  seed: number;
}

export function leaderboardCommand(setCode: (code: number) => void, io: CliIO): CommandModule<object, LeaderboardArgs> {
  return {
    command: 'leaderboard',
    describe: 'Write the published leaderboard JSON (schema codebench.leaderboard/v1)',
    builder: (y) =>
      y
        .option('out', { type: 'string', demandOption: true, describe: 'The JSON file to write' })
        .option('runs', { type: 'string', array: true, describe: 'Run ids or names (default: every run; each model from its newest run)' })
        .option('baseline', { type: 'string', describe: 'Model to compare the others with' })
        .option('margin', { type: 'number', default: DEFAULT_MARGIN, describe: 'Non-inferiority margin as a share of tasks' })
        .option('db', { type: 'string', default: 'results/codebench.db', describe: 'SQLite results file' })
        .option('seed', { type: 'number', default: 0, describe: 'Seed of the bootstrap intervals' })
        .example('$0 leaderboard --out results/leaderboard.json --baseline reference', 'Every run in results/codebench.db'),
    handler: (args) => {
      const store = openStore(args.db, { readonly: true });
      try {
        const analysis = analyzeRuns({ runs: loadRuns(store, args.runs, '--runs'), baseline: args.baseline, margin: args.margin, seed: args.seed });
        const text = formatLeaderboard(analysis);
        // A file that breaks the published schema is our bug; refuse to publish it.
        const problems = validateLeaderboard(JSON.parse(text));
        if (problems.length > 0) throw new Error(`leaderboard does not match its schema: ${problems.slice(0, 5).join('; ')}`);
        emit(text, args.out, io);
        setCode(0);
      } finally {
        store.close();
      }
    },
  };
}
