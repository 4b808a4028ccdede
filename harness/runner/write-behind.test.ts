import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { makeSample, makeSpec, makeTempDir } from '../store/test-fixtures.ts';
import { WriteBehind } from './write-behind.ts';

const ANSWER = { text: 'def f(): pass', finishReason: { unified: 'stop' as const, raw: 'stop' }, usage: { inputTokens: 3 }, timing: { totalMs: 12 } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('WriteBehind', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: Store;
  let runId: string;
  /** A second connection, as `codebench report` or a resumed run would read the file. */
  let reader: Store;

  beforeEach(() => {
    temp = makeTempDir();
    const path = join(temp.dir, 'results.db');
    store = openStore(path);
    runId = store.createRun(makeSpec(), { host: 'test' });
    reader = openStore(path);
  });
  afterEach(() => {
    store.close();
    reader.close();
    temp.cleanup();
  });

  it('commits what was queued within its interval, and serves queued answers meanwhile', async () => {
    const writer = new WriteBehind(store, { flushMs: 30 });
    writer.putCompletion('key-1', 'cfg-reference', ANSWER);
    writer.recordSample(makeSample(runId, { sampleIndex: 0 }));
    writer.recordSample(makeSample(runId, { sampleIndex: 1 }));
    expect(writer.getCompletion('key-1')).toEqual(ANSWER);
    expect(reader.getCompletion('key-1')).toBeUndefined();
    expect(reader.listSamples(runId)).toEqual([]);
    await sleep(150);
    expect(reader.getCompletion('key-1')).toEqual(ANSWER);
    expect(reader.listSamples(runId).map((s) => s.sampleIndex)).toEqual([0, 1]);
    expect(writer.getCompletion('key-1')).toEqual(ANSWER);
  });

  it('writes at once when many are queued, without waiting for the interval', () => {
    const writer = new WriteBehind(store, { flushMs: 60_000 });
    for (let i = 0; i < 256; i++) writer.recordSample(makeSample(runId, { sampleIndex: i }));
    expect(reader.listSamples(runId)).toHaveLength(256);
    writer.recordSample(makeSample(runId, { sampleIndex: 256 }));
    expect(reader.listSamples(runId)).toHaveLength(256);
    writer.flush();
    expect(reader.listSamples(runId)).toHaveLength(257);
  });

  it('writes nothing of a batch that fails, stops writing, and reports the first error from every later flush', () => {
    const writer = new WriteBehind(store, { flushMs: 60_000 });
    writer.putCompletion('key-1', 'cfg-reference', ANSWER);
    writer.recordSample(makeSample(runId, { sampleIndex: 0 }));
    writer.recordSample(makeSample(runId, { sampleIndex: 1, configId: 'cfg-not-in-this-run' }));
    expect(() => writer.flush()).toThrow(/run .* does not include model config cfg-not-in-this-run/);
    expect(reader.listSamples(runId)).toEqual([]);
    expect(reader.getCompletion('key-1')).toBeUndefined();
    expect(writer.failure?.message).toMatch(/cfg-not-in-this-run/);
    writer.recordSample(makeSample(runId, { sampleIndex: 2 }));
    expect(() => writer.flush()).toThrow(/cfg-not-in-this-run/);
    expect(reader.listSamples(runId)).toEqual([]);
  });

  it('does not throw a failed write at the caller that happened to fill the queue', () => {
    const writer = new WriteBehind(store, { flushMs: 60_000 });
    for (let i = 0; i < 255; i++) writer.recordSample(makeSample(runId, { sampleIndex: i }));
    expect(() => writer.recordSample(makeSample(runId, { sampleIndex: 255, configId: 'cfg-not-in-this-run' }))).not.toThrow();
    expect(writer.failure?.message).toMatch(/cfg-not-in-this-run/);
    expect(reader.listSamples(runId)).toEqual([]);
  });

  it('keeps a failure from its timer for the next flush instead of throwing it into the event loop', async () => {
    const writer = new WriteBehind(store, { flushMs: 10 });
    writer.recordSample(makeSample(runId, { configId: 'cfg-not-in-this-run' }));
    await sleep(80);
    expect(writer.failure?.message).toMatch(/cfg-not-in-this-run/);
    expect(() => writer.flush()).toThrow(/cfg-not-in-this-run/);
  });
});
