import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { completedKey } from './completed-key.ts';
import { openStore } from './open-store.ts';
import type { Store } from './store.ts';
import { DEEPSEEK, makeFullSample, makeSample, makeSpec, makeTempDir, REFERENCE } from './test-fixtures.ts';

let dir: string;
let cleanup: () => void;
let path: string;
let store: Store;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
  path = join(dir, 'results.db');
  store = openStore(path);
});
afterEach(() => {
  store.close();
  cleanup();
});

function reopen(): Store {
  store.close();
  store = openStore(path);
  return store;
}

describe('runs', () => {
  it('creates a running run with a time-sortable id and keeps its spec', () => {
    const before = new Date().toISOString();
    const spec = makeSpec();
    const runId = store.createRun(spec, { host: 'box-1' });
    expect(runId).toMatch(/^\d{8}-\d{6}-[0-9a-f]{6}$/);

    const run = reopen().getRun(runId);
    expect(run).toEqual({
      id: runId,
      name: 'smoke',
      spec,
      status: 'running',
      startedAt: expect.any(String),
      harnessVersion: '0.1.0',
      corpusHash: 'c0ffee',
      host: 'box-1',
    });
    expect(run && 'finishedAt' in run).toBe(false);
    expect(run!.startedAt >= before).toBe(true);
    expect(runId.slice(0, 15)).toBe(run!.startedAt.slice(0, 19).replace(/[-:]/g, '').replace('T', '-'));
  });

  it('shares a model config between runs and keeps its latest name', () => {
    store.createRun(makeSpec(), { host: 'box-1' });
    store.createRun(makeSpec({ models: [{ ...DEEPSEEK, name: 'deepseek-prod' }] }), { host: 'box-1' });
    store.close();

    const raw = new BetterSqlite3(path, { readonly: true });
    expect(raw.prepare('SELECT * FROM model_configs ORDER BY config_id').all()).toEqual([
      {
        config_id: 'cfg-deepseek',
        name: 'deepseek-prod',
        provider: 'deepseek',
        model: 'deepseek-chat',
        params_json: '{"maxTokens":4096,"temperature":0.2}',
      },
      { config_id: 'cfg-reference', name: 'reference', provider: 'reference', model: 'reference', params_json: '{}' },
    ]);
    expect(raw.prepare('SELECT count(*) FROM run_configs').pluck().get()).toBe(3);
    raw.close();
    store = openStore(path);
  });

  it('refuses a spec that lists the same config twice, writing nothing', () => {
    expect(() => store.createRun(makeSpec({ models: [REFERENCE, REFERENCE] }), { host: 'box-1' })).toThrow(
      /lists model config cfg-reference \(reference\) twice/,
    );
    expect(store.listRuns()).toEqual([]);
  });

  it('finishes a run with a status and a finish time', () => {
    const runId = store.createRun(makeSpec(), { host: 'box-1' });
    store.finishRun(runId, 'partial');
    const run = reopen().getRun(runId)!;
    expect(run.status).toBe('partial');
    expect(run.finishedAt! >= run.startedAt).toBe(true);

    store.finishRun(runId, 'running');
    expect(store.getRun(runId)!.finishedAt).toBeUndefined();
    expect(() => store.finishRun('20000101-000000-000000', 'complete')).toThrow(/no run 20000101-000000-000000/);
  });

  it('resolves latest to the most recently started run', () => {
    expect(store.getRun('latest')).toBeUndefined();
    const first = store.createRun(makeSpec({ name: 'first' }), { host: 'box-1' });
    const second = store.createRun(makeSpec({ name: 'second' }), { host: 'box-1' });
    store.finishRun(second, 'complete');
    const third = store.createRun(makeSpec({ name: 'third' }), { host: 'box-1' });
    store.finishRun(first, 'failed');

    expect(reopen().getRun('latest')?.id).toBe(third);
    expect(store.listRuns().map((r) => r.name)).toEqual(['third', 'second', 'first']);
    expect(store.getRun(first)?.status).toBe('failed');
    expect(store.getRun('no-such-run')).toBeUndefined();
  });
});

describe('samples', () => {
  let runId: string;
  beforeEach(() => {
    runId = store.createRun(makeSpec(), { host: 'box-1' });
  });

  it('round-trips a sample whose optional fields are all absent as absent, not null or 0', () => {
    const sample = makeSample(runId);
    store.recordSample(sample);
    const [got] = reopen().listSamples(runId);
    expect(got).toStrictEqual(sample);
    expect(got!.usage).toStrictEqual({});
    for (const key of ['code', 'reasoning', 'finishReason', 'ttftMs', 'generateMs', 'gradeMs', 'output', 'requestId']) {
      expect(got).not.toHaveProperty(key);
    }

    const raw = new BetterSqlite3(path, { readonly: true });
    const row = raw.prepare('SELECT input_tokens, output_tokens, ttft_ms, code FROM samples').get();
    expect(row).toEqual({ input_tokens: null, output_tokens: null, ttft_ms: null, code: null });
    raw.close();
  });

  it('round-trips a sample with every field set, keeping a real 0 apart from unknown', () => {
    const full = makeFullSample(runId);
    const partial = makeFullSample(runId, {
      taskId: 'cb/py/other',
      usage: { outputTokens: 0 },
      finishReason: { unified: 'length', raw: undefined },
      ttftMs: 0,
    });
    store.recordSample(full);
    store.recordSample(partial);
    expect(reopen().listSamples(runId)).toStrictEqual([partial, full]);
  });

  it('round-trips unicode, NUL characters and a 1 MB completion exactly', () => {
    const unicode = 'naïve café — 日本語 — 🧪🐍 — \u202eRTL\u202c — e\u0301';
    const withNul = 'before\u0000after\u0000\u0000end';
    const big = 'x'.repeat(1024 * 1024 - 3) + '🧪!';
    const samples = [
      makeSample(runId, { sampleIndex: 0, rawCompletion: unicode, code: unicode, detail: unicode }),
      makeSample(runId, { sampleIndex: 1, rawCompletion: withNul, output: withNul, reasoning: withNul }),
      makeSample(runId, { sampleIndex: 2, rawCompletion: big, code: big }),
    ];
    for (const sample of samples) store.recordSample(sample);
    const got = reopen().listSamples(runId);
    expect(got).toStrictEqual(samples);
    expect(got[1]!.rawCompletion.length).toBe(withNul.length);
    expect(got[2]!.rawCompletion.length).toBe(big.length);
  });

  it('replaces a re-recorded sample, so a retry overwrites an unscored one', () => {
    store.recordSample(
      makeFullSample(runId, { configId: REFERENCE.configId, verdict: 'unscored', detail: 'sandbox would not start' }),
    );
    const retried = makeSample(runId, { verdict: 'pass', attempts: 2, createdAt: '2026-11-22T03:20:00.000Z' });
    store.recordSample(retried);

    expect(reopen().listSamples(runId)).toStrictEqual([retried]);
  });

  it('lists samples per config and reports completed keys without unscored ones', () => {
    const samples = [
      makeSample(runId, { configId: REFERENCE.configId, taskId: 'b', sampleIndex: 1, verdict: 'fail' }),
      makeSample(runId, { configId: REFERENCE.configId, taskId: 'b', sampleIndex: 0, verdict: 'unscored' }),
      makeSample(runId, { configId: REFERENCE.configId, taskId: 'a', sampleIndex: 0, verdict: 'timeout' }),
      makeSample(runId, { configId: DEEPSEEK.configId, taskId: 'a', sampleIndex: 0, verdict: 'no-code' }),
    ];
    for (const sample of samples) store.recordSample(sample);
    const other = store.createRun(makeSpec(), { host: 'box-2' });
    store.recordSample(makeSample(other, { taskId: 'z' }));

    expect(store.listSamples(runId, { configId: REFERENCE.configId }).map((s) => [s.taskId, s.sampleIndex])).toEqual([
      ['a', 0],
      ['b', 0],
      ['b', 1],
    ]);
    expect(store.listSamples(runId).map((s) => s.configId)).toEqual([
      DEEPSEEK.configId,
      REFERENCE.configId,
      REFERENCE.configId,
      REFERENCE.configId,
    ]);
    expect(store.completedKeys(runId)).toEqual(
      new Set([
        completedKey(REFERENCE.configId, 'b', 1),
        completedKey(REFERENCE.configId, 'a', 0),
        completedKey(DEEPSEEK.configId, 'a', 0),
      ]),
    );
    expect([...store.completedKeys(runId)]).toContain(`${REFERENCE.configId}\u0000b\u00001`);
    expect(store.completedKeys('no-such-run')).toEqual(new Set());
    expect(store.completedKeys(runId, { includeUnscored: true }).size).toBe(4);
  });

  it('refuses a sample for a config the run does not include', () => {
    const onlyReference = store.createRun(makeSpec({ models: [REFERENCE] }), { host: 'box-1' });
    expect(() => store.recordSample(makeSample(onlyReference, { configId: DEEPSEEK.configId }))).toThrow(
      `recordSample: run ${onlyReference} does not exist or does not include model config cfg-deepseek`,
    );
  });

  it('leaves the previous version intact when writing a replacement fails', () => {
    const good = makeFullSample(runId);
    store.recordSample(good);
    expect(() => store.recordSample({ ...good, verdict: 'pass', usage: { inputTokens: -1 } })).toThrow(
      'Expected `usage.inputTokens` to be an integer from 0 and up, got -1',
    );
    expect(() => store.recordSample({ ...good, verdict: 'pass', sampleIndex: 0.5 })).toThrow(/`sampleIndex`/);
    expect(() => store.recordSample({ ...good, verdict: 'pass', gradeMs: Number.NaN })).toThrow(/`gradeMs`/);
    // A constraint only SQLite checks still fails the whole transaction.
    const badFinish = { unified: 'nope' as 'stop', raw: 'x' };
    expect(() => store.recordSample({ ...good, verdict: 'pass', finishReason: badFinish })).toThrow(/CHECK/);
    expect(reopen().listSamples(runId)).toStrictEqual([good]);
  });

  it('lets a second connection see each sample as soon as it is recorded', () => {
    const reader = openStore(path, { readonly: true });
    try {
      expect(reader.listSamples(runId)).toEqual([]);
      store.recordSample(makeSample(runId));
      expect(reader.listSamples(runId)).toStrictEqual([makeSample(runId)]);
    } finally {
      reader.close();
    }
  });
});

describe('Store generation cache and sample cost', () => {
  it('keeps a completion by cache key, first answer wins, and survives a reopen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'codebench-cache-'));
    const path = join(dir, 'c.db');
    const store = openStore(path);
    const result = { text: 'def f(): pass', finishReason: { unified: 'stop' as const, raw: 'stop' }, usage: { inputTokens: 3 }, timing: { totalMs: 12 } };
    expect(store.getCompletion('k1')).toBeUndefined();
    store.putCompletion('k1', 'cfg', result);
    store.putCompletion('k1', 'cfg', { ...result, text: 'second' });
    store.close();
    const again = openStore(path);
    expect(again.getCompletion('k1')).toEqual(result);
    again.close();
  });
});
