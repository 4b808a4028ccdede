import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedAdapter } from '../adapters/scripted-adapter.ts';
import { AdapterError } from '../core/errors.ts';
import type { ModelConfig, RunSpec } from '../core/run-spec.ts';
import { Grader } from '../grader/grader.ts';
import { PY_TASK, TS_TASK } from '../grader/test-tasks.ts';
import { BwrapSandbox } from '../sandbox/bwrap-sandbox.ts';
import { sandboxUnavailableReason } from '../sandbox/test-support.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { runBenchmark } from './run-benchmark.ts';

const skip = sandboxUnavailableReason();
if (skip) console.warn(`skipping runner end-to-end tests: ${skip}`);

const config = (name: string): ModelConfig => ({ name, provider: 'scripted', model: name, params: {}, configId: `cfg-${name}` });
const spec = (models: ModelConfig[], samples = 1): RunSpec => ({
  name: 'test', models, suites: ['test'], samples, concurrency: 2, sandbox: 'bwrap', harnessVersion: '0.0.0', corpusHash: 'abc',
});

describe.skipIf(skip)('runBenchmark end to end (scripted model, bubblewrap, SQLite)', () => {
  let sandbox: BwrapSandbox;
  let store: Store;
  let grader: Grader;

  beforeAll(async () => {
    sandbox = await BwrapSandbox.create({ slots: 2 });
    grader = new Grader(sandbox, { timeoutSeconds: 2 });
    store = openStore(join(mkdtempSync(join(tmpdir(), 'codebench-run-')), 'results.db'));
  });
  afterAll(async () => {
    store?.close();
    await sandbox?.close();
  });

  it('generates, extracts, grades and stores every sample, raw completion beside the code', async () => {
    const good = new ScriptedAdapter({
      [PY_TASK.id]: '<think>maybe `def add(a, b): return 0`?</think>\nHere it is:\n```python\ndef add(a, b):\n    return a + b\n```\n',
      [TS_TASK.id]: { text: '```ts\nfunction add(a: number, b: number): number { return a + b; }\n```', usage: { inputTokens: 10, outputTokens: 5 }, requestId: 'req_1' },
    }, 'good');
    const bad = new ScriptedAdapter((r) => (r.taskId === PY_TASK.id ? 'I cannot help with that.' : new AdapterError('overloaded', { retryable: true, status: 529 })), 'bad');
    const models = [config('good'), config('bad')];
    const progress: number[] = [];
    const events: string[] = [];
    const outcome = await runBenchmark({
      spec: spec(models, 2),
      tasks: [PY_TASK, TS_TASK],
      models: [{ config: models[0]!, adapter: good }, { config: models[1]!, adapter: bad }],
      grader,
      store,
      host: 'test',
      concurrency: 3,
      onEvent: (e) => {
        events.push(e.type);
        if (e.type === 'sample') progress.push(e.progress.done);
      },
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    });
    expect(outcome.status).toBe('complete');
    expect(progress.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(good.calls.map((c) => c.sampleIndex).sort()).toEqual([0, 0, 1, 1]);

    const stored = store.listSamples(outcome.runId);
    expect(stored).toHaveLength(8);
    const goodPy = stored.find((s) => s.configId === 'cfg-good' && s.taskId === PY_TASK.id)!;
    expect(goodPy.verdict).toBe('pass');
    expect(goodPy.rawCompletion).toContain('<think>');
    expect(goodPy.code).toBe('def add(a, b):\n    return a + b');
    const goodTs = stored.find((s) => s.configId === 'cfg-good' && s.taskId === TS_TASK.id)!;
    expect(goodTs).toMatchObject({ verdict: 'pass', requestId: 'req_1', usage: { inputTokens: 10, outputTokens: 5 } });

    const badSamples = stored.filter((s) => s.configId === 'cfg-bad');
    expect(badSamples.filter((s) => s.taskId === PY_TASK.id).map((s) => s.verdict)).not.toContain('pass');
    // An API failure is unscored, never a wrong answer.
    expect(badSamples.filter((s) => s.taskId === TS_TASK.id).every((s) => s.verdict === 'unscored' && s.detail.includes('overloaded (after 2 attempts)') && s.attempts === 2)).toBe(true);
    expect(events.filter((e) => e === 'retry')).toHaveLength(2);
    expect(store.getRun(outcome.runId)?.status).toBe('complete');
  });

  it('rejects a nonsensical concurrency before starting anything', async () => {
    await expect(runBenchmark({ spec: spec([]), tasks: [], models: [], grader, store, host: 't', concurrency: 0 })).rejects.toThrow(/`concurrency`/);
  });
});
