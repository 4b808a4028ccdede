/**
 * Runner throughput and memory against the fake provider, in one process.
 *
 * 1. Request rate: our corpus × N samples, a fixed 100 ms first-token latency, concurrency 50,
 *    grading included (Grader + BwrapSandbox). The ideal request rate is concurrency / latency;
 *    the target is ≥ 90 % of it over the generation phase.
 * 2. Memory: 100,000 samples with grading off (10 ms latency); prints RSS as the run goes and the
 *    peak, which should stay flat rather than grow with the number of samples.
 *
 *   npx tsx scripts/bench-runner.ts [--samples 30] [--big 100000] [--skip-big] [--skip-rate]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import type { ModelAdapter } from '../harness/adapters/model-adapter.ts';
import { createAdapter } from '../harness/adapters/registry.ts';
import type { ModelConfig, RunSpec } from '../harness/core/run-spec.ts';
import { startGrader } from '../harness/cli/start-grader.ts';
import { runBenchmark, type TaskGrader } from '../harness/runner/run-benchmark.ts';
import { openStore } from '../harness/store/open-store.ts';
import { loadCorpus } from '../harness/tasks/load-corpus.ts';

const { values } = parseArgs({ options: { samples: { type: 'string', default: '30' }, big: { type: 'string', default: '100000' }, 'skip-big': { type: 'boolean' }, 'skip-rate': { type: 'boolean' }, concurrency: { type: 'string', default: '50' } } });
const CONCURRENCY = Number(values.concurrency);
// Python and TypeScript function tasks: compiled languages would make the graded run take an hour
// without changing what is measured, the request rate.
const tasks = loadCorpus(resolve(import.meta.dirname, '../tasks/codebench')).filter((t) => t.kind === 'function' && (t.language === 'python' || t.language === 'typescript'));
const dir = mkdtempSync(join(tmpdir(), 'codebench-bench-runner-'));

/**
 * The fake provider in its own process, as a real provider would be (its CPU is not ours), and the
 * OpenAI-compatible SDK adapter pointed at it.
 */
async function startFakeProvider(latencyMs: number): Promise<{ sdk: ModelAdapter; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'fake-provider.ts'), '--port', '0', '--first-token-delay', String(latencyMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolveUrl(d.toString().trim()));
    child.once('exit', (code) => reject(new Error(`fake provider exited with ${code}`)));
  });
  const sdk = await createAdapter({ provider: 'openai-compatible', model: 'any' }, { tasks, baseUrl: `${url}/v1` });
  return { sdk, stop: () => child.kill('SIGTERM') };
}

type FakeProvider = Awaited<ReturnType<typeof startFakeProvider>>;

async function run(label: string, samples: number, fake: FakeProvider, grader: TaskGrader | undefined, onSample?: (done: number) => void) {
  let first = 0;
  let last = 0;
  let answered = 0;
  const total = tasks.length * samples;
  let cpuAtFirst: NodeJS.CpuUsage | undefined;
  let cpuAtLast: NodeJS.CpuUsage | undefined;
  const { sdk } = fake;
  const config: ModelConfig = { name: 'openai-compatible:any', provider: 'openai-compatible', model: 'any', params: {}, configId: `bench-${label}` };
  // Counts answers as they arrive, to time the generation phase apart from grading.
  const adapter: ModelAdapter = {
    provider: sdk.provider,
    model: sdk.model,
    generate: async (request, options) => {
      first ||= performance.now();
      cpuAtFirst ??= process.cpuUsage();
      const result = await sdk.generate(request, options);
      last = performance.now();
      if (++answered === total) cpuAtLast = process.cpuUsage(cpuAtFirst);
      return result;
    },
  };
  const spec: RunSpec = { name: label, models: [config], suites: ['codebench'], samples, concurrency: CONCURRENCY, sandbox: 'bwrap', harnessVersion: 'bench', corpusHash: 'bench' };
  const store = openStore(join(dir, `${label}.db`));
  const started = performance.now();
  const outcome = await runBenchmark({ spec, tasks, models: [{ config, adapter }], grader, store, host: 'bench', concurrency: CONCURRENCY, onEvent: (e) => e.type === 'sample' && onSample?.(e.progress.done) });
  const wall = (performance.now() - started) / 1000;
  const passed = store.listSamples(outcome.runId).filter((s) => s.verdict === 'pass').length;
  store.close();
  const cpuMsPerRequest = cpuAtLast ? (cpuAtLast.user + cpuAtLast.system) / 1000 / Math.max(answered, 1) : 0;
  return { outcome, wall, answered, generationSeconds: (last - first) / 1000, passed, cpuMsPerRequest };
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/**
 * The ceiling: the same requests through the adapter alone (SDK and fake server, no runner, no
 * store), at the same concurrency.
 */
async function adapterAlone(requests: number, fake: FakeProvider): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (let i = next++; i < requests; i = next++) {
      const task = tasks[i % tasks.length]!;
      await fake.sdk.generate({ taskId: task.id, sampleIndex: i, messages: [{ role: 'user', content: task.prompt }] });
    }
  }));
  return requests / ((performance.now() - started) / 1000);
}

// 1. Request rate, first with grading off (what the client stack alone reaches), then with it on,
// graded as `codebench run` grades: in its own lower-priority process with as many slots as cores.
const samples = Number(values.samples);
const ideal = CONCURRENCY / 0.1;
if (!values['skip-rate']) {
  // One provider for every phase, warmed up first: a real provider is not a process that has just
  // started, and a cold one (its JIT, its first connections) would be measured as our slowness.
  const fake = await startFakeProvider(100);
  await adapterAlone(tasks.length * samples, fake);
  const ceiling = await adapterAlone(tasks.length * samples, fake);
  const alone = await run('alone', samples, fake, undefined);
  const grader = await startGrader('bwrap', availableParallelism(), { timeoutSeconds: 10 });
  const rate = await run('rate', samples, fake, grader);
  await grader.close();
  fake.stop();
  const rateOf = (r: typeof rate) => r.answered / Math.max(r.generationSeconds, 1e-9);
  console.log(`request rate: ${tasks.length} tasks × ${samples} samples = ${rate.outcome.total}, concurrency ${CONCURRENCY}, 100 ms latency; ideal ${ideal.toFixed(0)} req/s`);
  console.log(`  adapter alone (SDK + fake server, no runner, no store): ${ceiling.toFixed(0)} req/s, ratio ${(ceiling / ideal).toFixed(2)}`);
  console.log(`  grading off: ${alone.answered} requests in ${alone.generationSeconds.toFixed(2)} s → ${rateOf(alone).toFixed(0)} req/s, ratio ${(rateOf(alone) / ideal).toFixed(2)}; our CPU ${alone.cpuMsPerRequest.toFixed(2)} ms/request`);
  console.log(`  grading on:  ${rate.answered} requests in ${rate.generationSeconds.toFixed(2)} s → ${rateOf(rate).toFixed(0)} req/s, ratio ${(rateOf(rate) / ideal).toFixed(2)} (target ≥ 0.90); our CPU ${rate.cpuMsPerRequest.toFixed(2)} ms/request`);
  console.log(`  whole graded run: ${rate.wall.toFixed(1)} s, ${rate.passed}/${rate.outcome.total} passed, status ${rate.outcome.status}`);
}

// 2. Memory at scale, grading off.
if (!values['skip-big']) {
  const big = Number(values.big);
  const perTask = Math.ceil(big / tasks.length);
  let peak = process.memoryUsage().rss;
  const marks: string[] = [];
  const every = Math.floor((perTask * tasks.length) / 10);
  const fake = await startFakeProvider(10);
  const result = await run('memory', perTask, fake, undefined, (done) => {
    const rss = process.memoryUsage().rss;
    peak = Math.max(peak, rss);
    if (done % every === 0) marks.push(`${done}: ${mib(rss)}`);
  });
  fake.stop();
  console.log(`memory: ${result.outcome.total} samples, grading off, 10 ms latency: ${result.wall.toFixed(1)} s (${(result.outcome.total / result.wall).toFixed(0)} samples/s)`);
  console.log(`  RSS by samples done: ${marks.join(', ')}`);
  console.log(`  peak RSS ${mib(peak)}`);
}
rmSync(dir, { recursive: true, force: true });
