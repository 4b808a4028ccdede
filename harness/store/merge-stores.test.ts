import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeStores } from './merge-stores.ts';
import { openStore } from './open-store.ts';
import { makeSample, makeSpec } from './test-fixtures.ts';

function shardDb(dir: string, name: string, shard: string, tasks: string[], specOverrides = {}) {
  const path = join(dir, name);
  const store = openStore(path);
  const spec = { ...makeSpec(), shard, ...specOverrides };
  const runId = store.createRun(spec, { host: `host-${shard}` });
  for (const taskId of tasks) store.recordSample(makeSample(runId, { taskId, configId: spec.models[0]!.configId }));
  store.putCompletion(`key-${shard}`, spec.models[0]!.configId, { text: shard, finishReason: { unified: 'stop', raw: 'stop' }, usage: {}, timing: { totalMs: 1 } });
  store.recordTimeLimits(runId, tasks.map((taskId) => ({ taskId, limitSeconds: 4, referenceSeconds: 0.5, source: 'calibrated' as const })));
  store.finishRun(runId, 'complete');
  store.close();
  return path;
}

describe('mergeStores', () => {
  it('combines shard databases of one spec into one run with every sample and cached answer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'codebench-merge-'));
    const a = shardDb(dir, 'a.db', '1/2', ['t1', 't3']);
    const b = shardDb(dir, 'b.db', '2/2', ['t2']);
    const out = join(dir, 'all.db');
    const result = mergeStores([a, b], out);
    expect(result).toMatchObject({ status: 'complete', samples: 3, inputs: 2 });
    const merged = openStore(out, { readonly: true });
    const [run] = merged.listRuns();
    expect(run!.spec.shard).toBeUndefined();
    expect(merged.listSamples(run!.id).map((s) => s.taskId).sort()).toEqual(['t1', 't2', 't3']);
    expect(merged.listCompletions().map((c) => c.cacheKey)).toEqual(['key-1/2', 'key-2/2']);
    expect(merged.listTimeLimits(run!.id).map((l) => l.taskId)).toEqual(['t1', 't2', 't3']);
    merged.close();
  });

  it('refuses databases of different run specs, a shard given twice, and an existing output, writing nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'codebench-merge-'));
    const a = shardDb(dir, 'a.db', '1/2', ['t1']);
    const other = shardDb(dir, 'other.db', '2/2', ['t2'], { samples: 5 });
    const again = shardDb(dir, 'again.db', '1/2', ['t9']);
    const out = join(dir, 'all.db');
    expect(() => mergeStores([a, other], out)).toThrow(/other\.db: its run spec differs/);
    expect(() => mergeStores([a, again], out)).toThrow(/shard 1\/2 appears twice/);
    expect(existsSync(out)).toBe(false);
    expect(() => mergeStores([a], a)).toThrow(/file exists/);
  });
});
