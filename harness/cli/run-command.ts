import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import type { CommandModule } from 'yargs';
import { findModel } from '../compare/analyze-runs.ts';
import { summarizeRun } from '../compare/summarize-run.ts';
import { InputError } from '../core/errors.ts';
import type { RunSpec } from '../core/run-spec.ts';
import { stableHash } from '../core/stable-hash.ts';
import type { Task } from '../core/task.ts';
import { formatRunSummary } from '../report/format-run-summary.ts';
import { runBenchmark } from '../runner/run-benchmark.ts';
import type { Shard } from '../runner/plan.ts';
import { openStore } from '../store/open-store.ts';
import { buildModels } from './build-model-configs.ts';
import { conformanceGate } from './conformance-command.ts';
import { modelSources } from './model-sources.ts';
import { nonNegativeNumber, positiveInt, positiveNumber } from './check-flags.ts';
import { gitCommit } from './git-commit.ts';
import { harnessVersion } from './harness-version.ts';
import { loadRunTasks, taskSources } from './load-suites.ts';
import type { CliIO } from './main.ts';
import { defaultSlots, type SandboxMode } from './open-sandbox.ts';
import { startGrader } from './start-grader.ts';
import { progressReporter } from './progress-reporter.ts';
import { resolveResume } from './resolve-resume.ts';
import { runComparison } from './run-comparison.ts';
import { runTimeLimits } from './run-time-limits.ts';
import { DEFAULT_TIMEOUT_SECONDS, timeLimitFlags, timeLimitPolicy, type TimeLimitArgs } from './time-limits.ts';

export interface RunArgs extends TimeLimitArgs {
  model?: string[];
  suite: string[];
  samples: number;
  temperature?: number;
  seed?: number;
  concurrency?: number;
  sandbox: SandboxMode;
  db: string;
  name?: string;
  resume?: string;
  'retry-unscored'?: boolean;
  budget?: number;
  repair?: boolean;
  shard?: string;
  rpm?: number;
  grade: boolean;
  since?: string;
  'allow-invalid'?: boolean;
  'cache-dir'?: string;
  fresh?: boolean;
  json?: boolean;
  baseline?: string;
  'base-url'?: string;
  config?: string;
  prices?: string;
  'require-conformance'?: boolean;
}

export function runCommand(setCode: (code: number) => void, io: CliIO): CommandModule<object, RunArgs> {
  return {
    command: 'run',
    describe: 'Run models over a task suite, grade every answer in the sandbox, and store the results',
    builder: (y) =>
      timeLimitFlags(y, 'sample')
        .option('model', { type: 'string', array: true, describe: 'Model spec: reference, or provider:model (repeatable)' })
        .option('suite', { type: 'string', array: true, default: ['codebench'], describe: 'codebench, a fetched public set (humaneval, humaneval+, humaneval+:base, mbpp, mbpp-sanitized, mbpp+, multipl-e-js, ...), a folder of task files, or a data file (repeatable)' })
        .option('samples', { type: 'number', default: 1, describe: 'Samples per task and model (for pass@k)' })
        .option('temperature', { type: 'number', describe: 'Sampling temperature sent to every model' })
        .option('seed', { type: 'number', describe: 'Seed, where the provider supports one' })
        .option('concurrency', { type: 'number', describe: 'Model requests in flight at once (default: 8; grading uses one slot per core)' })
        .option('sandbox', { choices: ['bwrap', 'none'] as const, default: 'bwrap' as SandboxMode, describe: 'How generated code is isolated' })
        .option('db', { type: 'string', default: 'results/codebench.db', describe: 'SQLite results file' })
        .option('name', { type: 'string', describe: 'Run name; running the same name again continues that run' })
        .option('resume', { type: 'string', describe: 'Continue a run by id (or "latest"), with its stored models and suites' })
        .option('retry-unscored', { type: 'boolean', describe: 'When continuing a run, try its unscored samples again' })
        .option('budget', { type: 'number', describe: 'Stop scheduling new samples once the projected spend would pass this many USD' })
        .option('repair', { type: 'boolean', describe: 'Give each failing answer one more try with the test output (Aider-style)' })
        .option('shard', { type: 'string', describe: 'Run only shard i of n of the plan, e.g. 1/4' })
        .option('rpm', { type: 'number', describe: 'Requests per minute cap per provider' })
        .option('grade', { type: 'boolean', default: true, hidden: true, describe: 'Grade answers (--no-grade for load benchmarks)' })
        .option('since', { type: 'string', describe: 'Only tasks created or released on or after this date (YYYY-MM-DD), e.g. after a model\'s training cutoff' })
        .option('allow-invalid', { type: 'boolean', describe: 'Skip invalid tasks (each named on stderr) instead of refusing to start' })
        .option('cache-dir', { type: 'string', describe: 'Where codebench tasks fetch keeps public sets (default: $XDG_CACHE_HOME or ~/.cache, then codebench/datasets)' })
        .option('fresh', { type: 'boolean', describe: 'Ask the models again instead of reusing answers cached by earlier runs (nightly drift checks)' })
        .option('json', { type: 'boolean', describe: 'Print the summary as JSON on stdout' })
        .option('base-url', { type: 'string', describe: 'Base URL for provider:model specs (required for openai-compatible and anthropic-compatible)' })
        .option('config', { type: 'string', describe: 'Config file with named models (default: codebench.config.yaml or .json here)' })
        .option('prices', { type: 'string', describe: "A litellm model_prices_and_context_window.json to price models with, over the built-in price book" })
        .option('require-conformance', { type: 'boolean', describe: 'Run the conformance probes for each model first; refuse to start (exit 1) on any deviation' })
        .option('baseline', { type: 'string', describe: 'End with verdicts against this model and a recommendation (see codebench compare)' })
        .example('$0 run --model reference', 'Check the harness: the reference solutions should pass 100%')
        .example('$0 run --model reference --suite ../shared/datasets/humaneval/HumanEval.jsonl.gz', 'Run a public set')
        .example('$0 run --resume latest', 'Continue the last run after a crash or Ctrl-C'),
    handler: async (args) => {
      const store = openStore(args.db);
      try {
        setCode(await runWithStore(args, store, io));
      } finally {
        store.close();
      }
    },
  };
}

async function runWithStore(args: RunArgs, store: ReturnType<typeof openStore>, io: CliIO): Promise<number> {
  const resume = resolveResume(args, store);
  const samples = positiveInt(resume?.spec.samples ?? args.samples, '--samples');
  const concurrency = positiveInt(args.concurrency ?? 8, '--concurrency');
  const timeout = positiveNumber(resume?.spec.timeoutSeconds ?? args.timeout ?? DEFAULT_TIMEOUT_SECONDS, '--timeout');
  const budget = args.budget === undefined ? undefined : nonNegativeNumber(args.budget, '--budget');
  const shard = parseShard(resume?.spec.shard ?? args.shard);
  const suites = resume?.spec.suites ?? args.suite;
  const modelNames = resume?.spec.models.map((m) => m.name) ?? args.model;
  if (!modelNames || modelNames.length === 0) throw new InputError('missing required flag --model (see --help)');
  if (args['require-conformance']) {
    const failures = await conformanceGate(modelNames, modelSources(args, io.stderr), store);
    if (failures.length > 0) {
      io.stderr(`codebench: refusing to start, --require-conformance failed:\n${failures.map((f) => `  ${f}\n`).join('')}`);
      return 1;
    }
  }

  const since = resume?.spec.since ?? args.since;
  const tasks = loadRunTasks(suites, { since, allowInvalid: args['allow-invalid'], cacheDir: args['cache-dir'] }, io.stderr);
  const models = await buildModels(modelNames, tasks, { temperature: args.temperature, seed: args.seed }, resume?.spec.models, modelSources(args, io.stderr));
  const spec: RunSpec = resume?.spec ?? {
    name: args.name ?? new Date().toISOString(),
    models: models.map((m) => m.config),
    suites,
    samples,
    concurrency,
    sandbox: args.sandbox,
    harnessVersion: harnessVersion(),
    corpusHash: corpusHash(tasks),
    gitCommit: gitCommit(),
    timeoutSeconds: timeout,
    ...(args.calibrate && { timeLimits: timeLimitPolicy(args) }),
    repair: args.repair ?? false,
    fresh: args.fresh ?? false,
    shard: args.shard,
    sources: taskSources(tasks),
    since,
    taskDates: taskDates(tasks),
  };
  if (args.baseline !== undefined) findModel(spec.models, args.baseline, '--baseline');
  if (resume && corpusHash(tasks) !== resume.spec.corpusHash) {
    throw new InputError(`--resume ${resume.runId}: the tasks changed since that run started (corpus hash differs); start a new run`);
  }

  // Graded in a process of its own, so sandbox starts never hold up the model requests.
  const grader = args.grade ? await startGrader(args.sandbox, defaultSlots(), { timeoutSeconds: timeout }) : undefined;
  const abort = new AbortController();
  // Every request and grade in flight listens on this one signal: hundreds of listeners is the design.
  setMaxListeners(0, abort.signal);
  const onSigint = () => {
    if (abort.signal.aborted) process.exit(130);
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  const progress = progressReporter(io, Boolean(process.stderr.isTTY));
  try {
    io.stderr(`codebench: ${tasks.length} tasks × ${models.length} model(s) × ${samples} sample(s)${shard ? `, shard ${shard.index}/${shard.count}` : ''}, sandbox ${grader?.mode ?? 'off (not grading)'}\n`);
    const limited = grader && (await runTimeLimits(grader, { spec, tasks, store, resumeRunId: resume?.runId, shard, signal: abort.signal, io }));
    const outcome = await runBenchmark({
      spec,
      tasks,
      models,
      grader: limited?.grader,
      store,
      host: hostname(),
      concurrency,
      resumeRunId: resume?.runId,
      retryUnscored: args['retry-unscored'],
      shard,
      budgetUsd: budget,
      repair: spec.repair,
      requestsPerMinute: args.rpm === undefined ? undefined : positiveInt(args.rpm, '--rpm'),
      onEvent: (event) => {
        // Kept with the run before anything is graded, so its report can say which limits applied.
        if (event.type === 'start' && limited) store.recordTimeLimits(event.runId, limited.limits);
        progress.onEvent(event);
      },
      signal: abort.signal,
    });
    progress.stop();
    const summaries = summarizeRun(spec.models, store.listSamples(outcome.runId));
    const comparison = args.baseline === undefined ? undefined : runComparison(store, outcome.runId, args.baseline);
    if (args.json) {
      io.stdout(`${JSON.stringify({ runId: outcome.runId, status: outcome.status, stopReason: outcome.stopReason, db: args.db, models: summaries, ...(comparison && { vsBaseline: comparison.json }) }, null, 2)}\n`);
    } else {
      io.stdout(`\n${formatRunSummary(summaries)}\n${comparison ? `\n${comparison.text}` : ''}\nrun ${outcome.runId} (${outcome.status}${outcome.stopReason ? `, stopped: ${outcome.stopReason}` : ''}) stored in ${args.db}\n`);
      if (outcome.status === 'partial') io.stdout(`continue it with: codebench run --resume ${outcome.runId} --db ${args.db}\n`);
    }
    if (summaries.length > 0 && summaries.every((s) => s.samples > 0 && s.counts.unscored === s.samples) && args.grade) return 3;
    return 0;
  } finally {
    progress.stop();
    process.off('SIGINT', onSigint);
    await grader?.close();
  }
}

function taskDates(tasks: readonly Task[]): Record<string, string> {
  return Object.fromEntries(tasks.filter((t) => t.created !== undefined).map((t) => [t.id, t.created!.slice(0, 10)]));
}

export function corpusHash(tasks: readonly Task[]): string {
  // Stubs and hidden cases decide a verdict as much as tests do; function tasks keep their old hash.
  return stableHash(tasks.map((t) => [t.id, t.prompt, t.tests, t.testCall ?? null, ...(t.cases ? [t.cases] : []), ...(t.files ? [t.files] : [])]), 16);
}

function parseShard(text: string | undefined): Shard | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new InputError(`--shard ${text}: expected i/n with 1 <= i <= n, e.g. 1/4`);
  return { index, count };
}
