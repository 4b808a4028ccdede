import { hostname } from 'node:os';
import type { CommandModule } from 'yargs';
import { createAdapter, parseModelSpec } from '../adapters/registry.ts';
import { summarizeRun } from '../compare/summarize-run.ts';
import type { ModelConfig, RunSpec } from '../core/run-spec.ts';
import { stableHash } from '../core/stable-hash.ts';
import type { Task } from '../core/task.ts';
import { Grader } from '../grader/grader.ts';
import { formatRunSummary } from '../report/format-run-summary.ts';
import { runBenchmark, type RunProgress } from '../runner/run-benchmark.ts';
import { openStore } from '../store/open-store.ts';
import { loadSuites } from './load-suites.ts';
import type { CliIO } from './main.ts';
import { defaultSlots, openSandbox, type SandboxMode } from './open-sandbox.ts';
import { harnessVersion } from './harness-version.ts';
import { positiveInt, positiveNumber } from './check-flags.ts';

interface RunArgs {
  model: string[];
  suite: string[];
  samples: number;
  concurrency?: number;
  timeout: number;
  sandbox: SandboxMode;
  db: string;
  name?: string;
  json?: boolean;
}

export function runCommand(setCode: (code: number) => void, io: CliIO): CommandModule<object, RunArgs> {
  return {
    command: 'run',
    describe: 'Run models over a task suite, grade every answer in the sandbox, and store the results',
    builder: (y) =>
      y
        .option('model', { type: 'string', array: true, demandOption: true, describe: 'Model spec: reference, or provider:model (repeatable)' })
        .option('suite', { type: 'string', array: true, default: ['codebench'], describe: 'codebench (built in), a folder of task files, or a HumanEval .jsonl[.gz] (repeatable)' })
        .option('samples', { type: 'number', default: 1, describe: 'Samples per task and model' })
        .option('concurrency', { type: 'number', describe: 'Samples in flight at once (default: cores)' })
        .option('timeout', { type: 'number', default: 10, describe: 'Per-sample CPU time limit in seconds' })
        .option('sandbox', { choices: ['bwrap', 'none'] as const, default: 'bwrap' as SandboxMode, describe: 'How generated code is isolated' })
        .option('db', { type: 'string', default: 'results/codebench.db', describe: 'SQLite results file' })
        .option('name', { type: 'string', describe: 'Run name (default: a timestamp)' })
        .option('json', { type: 'boolean', describe: 'Print the summary as JSON on stdout' })
        .example('$0 run --model reference', 'Check the harness: the reference solutions should pass 100%')
        .example('$0 run --model reference --suite ../shared/datasets/humaneval/HumanEval.jsonl.gz', 'Run a public set'),
    handler: async (args) => {
      const samples = positiveInt(args.samples, '--samples');
      const concurrency = positiveInt(args.concurrency ?? defaultSlots(), '--concurrency');
      const timeout = positiveNumber(args.timeout, '--timeout');
      const tasks = loadSuites(args.suite);
      const specs = args.model.map(parseModelSpec);
      const configs: ModelConfig[] = specs.map((s, i) => {
        const params = {};
        return { name: args.model[i]!.trim(), provider: s.provider, model: s.model, params, configId: stableHash({ provider: s.provider, model: s.model, params }, 16) };
      });
      const spec: RunSpec = {
        name: args.name ?? new Date().toISOString(),
        models: configs,
        suites: args.suite,
        samples,
        concurrency,
        sandbox: args.sandbox,
        harnessVersion: harnessVersion(),
        corpusHash: corpusHash(tasks),
      };
      const adapters = await Promise.all(specs.map((s) => createAdapter(s, { tasks })));
      const store = openStore(args.db);
      const sandbox = await openSandbox(args.sandbox, Math.min(concurrency, defaultSlots()), io.stderr).catch((e: unknown) => {
        store.close();
        throw e;
      });
      try {
        const grader = new Grader(sandbox, { timeoutSeconds: timeout });
        io.stderr(`codebench: ${tasks.length} tasks × ${configs.length} model(s) × ${samples} sample(s), sandbox ${sandbox.mode}, ${concurrency} at once\n`);
        const outcome = await runBenchmark({
          spec,
          tasks,
          models: configs.map((config, i) => ({ config, adapter: adapters[i]! })),
          grader,
          store,
          host: hostname(),
          concurrency,
          onProgress: progressPrinter(io),
        });
        const summaries = summarizeRun(configs, outcome.records);
        if (args.json) io.stdout(`${JSON.stringify({ runId: outcome.runId, status: outcome.status, db: args.db, models: summaries }, null, 2)}\n`);
        else io.stdout(`\n${formatRunSummary(summaries)}\n\nrun ${outcome.runId} (${outcome.status}) stored in ${args.db}\n`);
        setCode(summaries.every((s) => s.samples > 0 && s.counts.unscored === s.samples) ? 3 : 0);
      } finally {
        await sandbox.close();
        store.close();
      }
    },
  };
}

function corpusHash(tasks: readonly Task[]): string {
  return stableHash(tasks.map((t) => [t.id, t.prompt, t.tests, t.testCall ?? null]), 16);
}

function progressPrinter(io: CliIO): (p: RunProgress) => void {
  let lastPrint = 0;
  return (p) => {
    const now = performance.now();
    if (p.done !== p.total && now - lastPrint < 1000) return;
    lastPrint = now;
    const rate = p.done / Math.max(p.elapsedMs / 1000, 0.001);
    const eta = rate > 0 ? (p.total - p.done) / rate : 0;
    io.stderr(`  ${p.done}/${p.total} done, ${p.passed} passed, ${p.unscored} unscored, ${(p.elapsedMs / 1000).toFixed(1)}s elapsed, ETA ${eta.toFixed(0)}s\n`);
  };
}

