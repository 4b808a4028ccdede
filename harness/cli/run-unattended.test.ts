import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { answerByPrompt } from '../adapters/fake-provider/answer-by-prompt.ts';
import { corpusAnswers } from '../adapters/fake-provider/corpus-answers.ts';
import { FakeProvider, type FakeRequest } from '../adapters/fake-provider/fake-provider-server.ts';
import { randomFaults } from '../adapters/fake-provider/random-faults.ts';
import type { Task } from '../core/task.ts';
import { sandboxUnavailableReason } from '../sandbox/test-support.ts';
import { mulberry32 } from '../stats/rng.ts';
import { openStore } from '../store/open-store.ts';
import { loadCorpus } from '../tasks/load-corpus.ts';
import { main } from './main.ts';

// Issue #6's must-shows: a run against a flaky provider, kill -9 and resume, shards and merge.
const ROOT = resolve(import.meta.dirname, '../..');
const CORPUS = join(ROOT, 'tasks/codebench');
const SLICE = ['python/bankers-round-cents', 'python/parse-duration', 'python/mask-card-number', 'python/compare-versions', 'typescript/format-bytes', 'typescript/slugify-title', 'typescript/parse-query-string', 'python/normalize-path'];
const skip = sandboxUnavailableReason();
if (skip) console.warn(`skipping unattended-run tests: ${skip}`);

function sliceSuite(): { dir: string; tasks: Task[] } {
  const dir = mkdtempSync(join(tmpdir(), 'codebench-unattended-'));
  mkdirSync(join(dir, 'suite'));
  for (const f of SLICE) copyFileSync(join(CORPUS, `${f}.yaml`), join(dir, 'suite', `${f.split('/')[1]}.yaml`));
  return { dir, tasks: loadCorpus(join(dir, 'suite'), 'slice') };
}

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** Which task a request asks about, from the prompt it quotes. */
const taskOf = (tasks: Task[], request: FakeRequest): string => {
  const messages = (request.body?.messages ?? []) as { role: string; content: string }[];
  const user = messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
  return tasks.find((t) => user.includes(t.prompt.trimEnd()))?.id ?? '?';
};

const verdictsIn = (db: string) => {
  const store = openStore(db, { readonly: true });
  const run = store.listRuns()[0]!;
  const rows = store.listSamples(run.id).map((s) => ({ key: `${s.taskId}#${s.sampleIndex}`, verdict: s.verdict, createdAt: s.createdAt }));
  store.close();
  return rows;
};

/** Samples stored so far by a run in progress (0 before its database exists). */
function stored(db: string): number {
  if (!existsSync(db)) return 0;
  try {
    const store = openStore(db, { readonly: true });
    const run = store.listRuns()[0];
    const n = run ? store.listSamples(run.id).length : 0;
    store.close();
    return n;
  } catch {
    return 0;
  }
}

let fake: FakeProvider | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe.skipIf(skip)('codebench run, unattended', () => {
  it('finishes against a provider that fails 20% of requests, scoring or marking unscored every sample, billing each once', async () => {
    const { dir, tasks } = sliceSuite();
    const faults = randomFaults(0.2, mulberry32(7));
    const answered = new Map<string, number>();
    fake = await FakeProvider.start({ answer: answerByPrompt(corpusAnswers(tasks)), fault: faults.fault, onAnswered: (r) => answered.set(taskOf(tasks, r), (answered.get(taskOf(tasks, r)) ?? 0) + 1) });
    const db = join(dir, 'flaky.db');
    // Time limits are beside the point here; calibrating them would only spend the test's time.
    const r = await cli('run', '--model', 'openai-compatible:any', '--base-url', `${fake.url}/v1`, '--suite', join(dir, 'suite'), '--samples', '3', '--db', db, '--json', '--no-calibrate');
    expect(r.code).toBe(0);
    expect(faults.injected.length).toBeGreaterThan(0);
    const rows = verdictsIn(db);
    expect(rows).toHaveLength(SLICE.length * 3);
    const store = openStore(db, { readonly: true });
    const samples = store.listSamples(store.listRuns()[0]!.id);
    store.close();
    for (const s of samples) {
      expect(['pass', 'unscored'], `${s.taskId} #${s.sampleIndex}: ${s.detail}`).toContain(s.verdict);
      if (s.verdict === 'unscored') expect(s.detail).toMatch(/generation failed: .+/);
    }
    // Three samples per task, each answered (billed) once, whatever failed before it.
    for (const t of tasks) expect(answered.get(t.id) ?? 0).toBeLessThanOrEqual(3);
    expect([...answered.values()].reduce((a, b) => a + b, 0)).toBe(samples.filter((s) => s.verdict !== 'unscored').length);
  });

  it('survives kill -9 five times: the resumed run equals an uninterrupted one, and nothing finished is asked for again', { timeout: 240_000 }, async () => {
    const { dir, tasks } = sliceSuite();
    const answeredAt: { task: string; at: number }[] = [];
    fake = await FakeProvider.start({ answer: answerByPrompt(corpusAnswers(tasks)), firstTokenDelayMs: 150, onAnswered: (r) => answeredAt.push({ task: taskOf(tasks, r), at: Date.now() }) });
    const db = join(dir, 'killed.db');
    const args = ['bin/codebench.mjs', 'run', '--model', 'openai-compatible:any', '--base-url', `${fake.url}/v1`, '--suite', join(dir, 'suite'), '--samples', '2', '--concurrency', '2', '--name', 'nightly-test', '--db', db];
    const random = mulberry32(42);
    const total = SLICE.length * 2;
    const storedAfterKill: number[] = [];
    // Each restart continues the run; kill it once it has stored a little more than last time,
    // plus a random delay, so the kills land at random points in the middle of the work.
    for (let kill = 0; kill < 5; kill++) {
      const target = Math.min(total - 1, Math.round(((kill + 1) * total) / 6));
      const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
      const exited = new Promise((r) => child.once('exit', r));
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && child.exitCode === null && stored(db) < target) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, random() * 300));
      child.kill('SIGKILL');
      await exited;
      storedAfterKill.push(stored(db));
    }
    expect(storedAfterKill.some((n) => n > 0 && n < total)).toBe(true);
    const finished = await new Promise<number>((resolveExit) => spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore' }).once('exit', (c) => resolveExit(c ?? -1)));
    expect(finished).toBe(0);

    const rows = verdictsIn(db);
    const reference = join(dir, 'clean.db');
    const clean = await cli('run', '--model', 'openai-compatible:any', '--base-url', `${fake.url}/v1`, '--suite', join(dir, 'suite'), '--samples', '2', '--db', reference);
    expect(clean.code).toBe(0);
    const strip = (rs: typeof rows) => rs.map(({ key, verdict }) => `${key}:${verdict}`);
    expect(strip(rows)).toEqual(strip(verdictsIn(reference)));

    // No answer was sent for a task after its last sample had been stored.
    const storedAt = new Map<string, number>();
    for (const r of rows) storedAt.set(r.key.split('#')[0]!, Math.max(storedAt.get(r.key.split('#')[0]!) ?? 0, Date.parse(r.createdAt)));
    const cleanStart = Math.min(...verdictsIn(reference).map((r) => Date.parse(r.createdAt))) - 60_000;
    const late = answeredAt.filter((a) => a.at < cleanStart && a.at > (storedAt.get(a.task) ?? Infinity));
    expect(late).toEqual([]);

    const before = fake.requestCount;
    const rerun = await cli('run', '--model', 'openai-compatible:any', '--base-url', `${fake.url}/v1`, '--suite', join(dir, 'suite'), '--samples', '2', '--name', 'nightly-test', '--db', db);
    expect(rerun.code).toBe(0);
    expect(fake.requestCount).toBe(before);
  });

  it('splits a run into shards whose merge equals the unsharded run', async () => {
    const { dir } = sliceSuite();
    const suite = join(dir, 'suite');
    // Three fresh databases would calibrate the same time limits three times; not what this tests.
    for (const [shard, db] of [['1/2', 'a.db'], ['2/2', 'b.db']] as const) {
      expect((await cli('run', '--model', 'reference', '--suite', suite, '--shard', shard, '--db', join(dir, db), '--no-calibrate')).code).toBe(0);
    }
    expect((await cli('merge', join(dir, 'a.db'), join(dir, 'b.db'), '--out', join(dir, 'all.db'))).code).toBe(0);
    expect((await cli('run', '--model', 'reference', '--suite', suite, '--db', join(dir, 'whole.db'), '--no-calibrate')).code).toBe(0);
    const keys = (db: string) => verdictsIn(join(dir, db)).map((r) => `${r.key}:${r.verdict}`).sort();
    expect(keys('all.db')).toEqual(keys('whole.db'));
    expect(keys('a.db').length).toBeGreaterThan(0);
    expect(keys('b.db').length).toBeGreaterThan(0);
  });
});
