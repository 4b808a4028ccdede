import type { CommandModule } from 'yargs';
import { findModel } from '../compare/analyze-runs.ts';
import { detectDrift, type DriftResult } from '../compare/detect-drift.ts';
import { taskOutcomes } from '../compare/task-outcomes.ts';
import { InputError } from '../core/errors.ts';
import type { ModelConfig } from '../core/run-spec.ts';
import { formatDrift } from '../report/format-drift.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import type { CliIO } from './main.ts';

interface DriftArgs {
  model?: string;
  since?: string;
  db: string;
  seed: number;
  json?: boolean;
}

export function driftCommand(setCode: (code: number) => void, io: CliIO): CommandModule<object, DriftArgs> {
  return {
    command: 'drift',
    describe: 'Compare each model config\'s latest run with its earlier runs on the same tasks; exit 1 on a significant drop',
    builder: (y) =>
      y
        .option('model', { type: 'string', describe: 'Only this model (spec, name or config id)' })
        .option('since', { type: 'string', describe: 'Only earlier runs started on or after this date (YYYY-MM-DD or ISO time)' })
        .option('db', { type: 'string', default: 'results/codebench.db', describe: 'SQLite results file' })
        .option('seed', { type: 'number', default: 0, describe: 'Seed of the bootstrap intervals' })
        .option('json', { type: 'boolean', describe: 'Print the results as JSON' })
        .example('$0 drift --since 2025-06-01', 'Tonight against every run since June; exits 1 on a drop (for CI)'),
    handler: (args) => {
      const since = args.since === undefined ? undefined : parseSince(args.since);
      const store = openStore(args.db, { readonly: true });
      try {
        const results = driftResults(store, args.model, since, args.seed);
        if (args.json) io.stdout(`${JSON.stringify(results, null, 2)}\n`);
        else if (results.length === 0) io.stdout('No model config has an earlier run to compare with.\n');
        else io.stdout(formatDrift(results));
        setCode(results.some((r) => r.drop) ? 1 : 0);
      } finally {
        store.close();
      }
    },
  };
}

function driftResults(store: Store, model: string | undefined, since: string | undefined, seed: number): DriftResult[] {
  const runs = store.listRuns();
  const configs = new Map<string, ModelConfig>();
  for (const run of runs) for (const c of run.spec.models) if (!configs.has(c.configId)) configs.set(c.configId, c);
  const wanted = model === undefined ? [...configs.values()] : [findModel([...configs.values()], model, '--model')];
  const results: DriftResult[] = [];
  for (const config of wanted) {
    const mine = runs.filter((r) => r.spec.models.some((m) => m.configId === config.configId));
    const [latest, ...older] = mine;
    const earlier = older.filter((r) => since === undefined || r.startedAt >= since);
    if (!latest || earlier.length === 0) continue;
    const outcomesOf = (runId: string) => taskOutcomes(store.listSamples(runId, { configId: config.configId }));
    results.push(
      detectDrift(
        {
          name: config.name,
          configId: config.configId,
          latest: { runId: latest.id, startedAt: latest.startedAt, outcomes: outcomesOf(latest.id) },
          earlier: earlier.map((r) => ({ runId: r.id, startedAt: r.startedAt, outcomes: outcomesOf(r.id) })),
        },
        { seed },
      ),
    );
  }
  return results;
}

/** A date or time as an ISO string comparable with the stored `startedAt` (UTC). */
function parseSince(text: string): string {
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(time)) throw new InputError(`--since ${text}: expected a date such as 2025-06-01 or an ISO time`);
  return new Date(time).toISOString();
}
