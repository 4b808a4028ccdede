import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './open-store.ts';
import { makeSample, makeSpec, makeTempDir, REFERENCE } from './test-fixtures.ts';

const require = createRequire(import.meta.url);
const MB = 1024 * 1024;

let dir: string;
let cleanup: () => void;
let path: string;
let runId: string;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
  path = join(dir, 'results.db');
  const store = openStore(path);
  runId = store.createRun(makeSpec(), { host: 'box-1' });
  store.close();
});
afterEach(() => cleanup());

/** Runs `source` as an ES module in a child Node (with tsx), killing it with SIGKILL once it prints `kill me`. */
async function runUntilKilled(source: string, args: string[]): Promise<NodeJS.Signals | null> {
  const script = join(dir, 'child.mts');
  writeFileSync(script, source);
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: import.meta.dirname,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk;
    if (stdout.includes('kill me')) child.kill('SIGKILL');
  });
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  if (signal === null) throw new Error(`child exited with ${code} instead of being killed; stdout: ${stdout}`);
  return signal;
}

describe('a process killed while writing', () => {
  it('leaves no trace of a transaction it never committed', async () => {
    const signal = await runUntilKilled(
      `
      const [modulePath, dbPath, runId, configId] = process.argv.slice(2);
      const { default: Database } = await import(modulePath);
      const db = new Database(dbPath);
      db.pragma('cache_size = 16');
      db.exec('BEGIN IMMEDIATE');
      const insert = db.prepare(
        "INSERT INTO samples (run_id, config_id, task_id, sample_index, verdict, detail, raw_completion, attempts, created_at) " +
        "VALUES (?, ?, 'crash/task', ?, 'pass', 'never committed', ?, 1, '2026-11-22T00:00:00.000Z')");
      for (let i = 0; i < 8; i++) insert.run(runId, configId, i, 'y'.repeat(${MB}));
      process.kill(process.pid, 'SIGKILL');
      `,
      [pathToFileURL(require.resolve('better-sqlite3')).href, path, runId, REFERENCE.configId],
    );
    expect(signal).toBe('SIGKILL');
    // The child's tiny page cache spilled to the WAL, so the file really holds uncommitted pages.
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(MB);

    const store = openStore(path);
    expect(store.listSamples(runId)).toEqual([]);
    store.recordSample(makeSample(runId));
    expect(store.listSamples(runId)).toHaveLength(1);
    store.close();
  });

  it('keeps every sample recorded before the kill whole, and loses only the one in flight', async () => {
    const signal = await runUntilKilled(
      `
      const [openStoreUrl, dbPath, runId, configId] = process.argv.slice(2);
      const { openStore } = await import(openStoreUrl);
      const store = openStore(dbPath);
      for (let i = 0; ; i++) {
        store.recordSample({
          runId, configId, taskId: 'crash/task', sampleIndex: i, verdict: 'pass', detail: 'ok',
          rawCompletion: String(i % 10).repeat(${2 * MB}), usage: { outputTokens: i }, attempts: 1,
          createdAt: '2026-11-22T00:00:00.000Z',
        });
        if (i === 3) process.stdout.write('kill me\\n');
      }
      `,
      [pathToFileURL(join(import.meta.dirname, 'open-store.ts')).href, path, runId, REFERENCE.configId],
    );
    expect(signal).toBe('SIGKILL');

    const store = openStore(path);
    const samples = store.listSamples(runId).sort((a, b) => a.sampleIndex - b.sampleIndex);
    expect(samples.length).toBeGreaterThanOrEqual(4);
    samples.forEach((sample, i) => {
      expect(sample.sampleIndex).toBe(i);
      expect(sample.usage).toStrictEqual({ outputTokens: i });
      expect(sample.rawCompletion.length).toBe(2 * MB);
      expect(sample.rawCompletion).toBe(String(i % 10).repeat(2 * MB));
    });
    store.close();
  });
});
