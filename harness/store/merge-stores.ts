import { existsSync, renameSync, rmSync } from 'node:fs';
import { InputError } from '../core/errors.ts';
import type { RunSpec, RunStatus } from '../core/run-spec.ts';
import { canonicalJson } from '../core/stable-hash.ts';
import { openStore } from './open-store.ts';
import type { RunRow } from './run-row.ts';

export interface MergeResult {
  runId: string;
  status: RunStatus;
  samples: number;
  inputs: number;
}

/** What must be equal for shard databases to be parts of one run. */
function specIdentity(spec: RunSpec): string {
  const { name: _n, concurrency: _c, shard: _s, ...rest } = spec;
  return canonicalJson(rest);
}

/**
 * Combines shard databases of one run spec into a new database holding a single run. It refuses
 * databases of a different spec, and writes to a temporary file renamed at the end, so a failed
 * merge leaves no half-written output.
 */
export function mergeStores(inputs: readonly string[], out: string): MergeResult {
  if (inputs.length < 1) throw new InputError('merge: name at least one database to merge');
  if (existsSync(out)) throw new InputError(`--out ${out}: file exists; choose a new name (merge never overwrites)`);
  const runs: { path: string; run: RunRow }[] = [];
  for (const path of inputs) {
    const store = openStore(path, { readonly: true });
    try {
      const found = store.listRuns();
      if (found.length !== 1) throw new InputError(`${path}: holds ${found.length} runs; merge takes shard databases with one run each`);
      runs.push({ path, run: found[0]! });
    } finally {
      store.close();
    }
  }
  const identity = specIdentity(runs[0]!.run.spec);
  for (const { path, run } of runs.slice(1)) {
    if (specIdentity(run.spec) !== identity) {
      throw new InputError(`${path}: its run spec differs from ${runs[0]!.path}'s (models, suites, samples, corpus or harness); only shards of one run can be merged`);
    }
  }
  const shards = runs.map((r) => r.run.spec.shard).filter((s): s is string => s !== undefined);
  if (new Set(shards).size !== shards.length) throw new InputError(`merge: shard ${shards.find((s, i) => shards.indexOf(s) !== i)} appears twice`);

  const temp = `${out}.partial-${process.pid}`;
  const target = openStore(temp);
  try {
    const { shard: _shard, ...spec } = runs[0]!.run.spec;
    const runId = target.createRun(spec, { host: runs.map((r) => r.run.host).filter((h, i, a) => a.indexOf(h) === i).join(',') });
    let samples = 0;
    for (const { path } of runs) {
      const source = openStore(path, { readonly: true });
      try {
        const sourceRun = source.listRuns()[0]!;
        for (const record of source.listSamples(sourceRun.id)) {
          target.recordSample({ ...record, runId });
          samples++;
        }
        for (const { cacheKey, configId, result } of source.listCompletions()) target.putCompletion(cacheKey, configId, result);
        // A task graded by two shards on different machines keeps the first shard's limit.
        target.recordTimeLimits(runId, source.listTimeLimits(sourceRun.id));
      } finally {
        source.close();
      }
    }
    const status: RunStatus = runs.every((r) => r.run.status === 'complete') ? 'complete' : 'partial';
    target.finishRun(runId, status);
    target.close();
    renameSync(temp, out);
    return { runId, status, samples, inputs: inputs.length };
  } catch (error) {
    try {
      target.close();
    } catch {
      /* already closed */
    }
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${temp}${suffix}`, { force: true });
    throw error;
  }
}
