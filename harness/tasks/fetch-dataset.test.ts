import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import { DownloadError, fetchDataset, sha256, verifyCached } from './fetch-dataset.ts';
import type { PublicSet } from './public-sets.ts';

const BODY = Buffer.from('{"task_id": "x/0"}\n');
const dir = mkdtempSync(path.join(tmpdir(), 'codebench-fetch-'));
let server: Server;
let base: string;
let closedPort: number;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/data.jsonl') return void response.end(BODY);
    if (request.url === '/other.jsonl') return void response.end('something else\n');
    if (request.url === '/hang') return; // never answers
    response.statusCode = 404;
    response.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port that was just free: connecting to it is refused.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const SET: PublicSet = { name: 'tiny', file: 'tiny.jsonl', url: 'unused', sha256: sha256(BODY), format: 'humaneval', description: 'test' };

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    expect((error as Error).message).not.toContain('\n');
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('fetchDataset', () => {
  it('downloads, checks the pin, caches, and then finds it cached', async () => {
    const cacheDir = path.join(dir, 'a');
    expect(await fetchDataset(SET, { cacheDir, url: `${base}/data.jsonl` })).toEqual({ path: path.join(cacheDir, 'tiny.jsonl'), sha256: SET.sha256, how: 'downloaded' });
    expect(readFileSync(path.join(cacheDir, 'tiny.jsonl'))).toEqual(BODY);
    expect((await fetchDataset(SET, { cacheDir, url: 'http://127.0.0.1:1/' })).how).toBe('already cached');
    expect(verifyCached(SET, cacheDir)).toBe(path.join(cacheDir, 'tiny.jsonl'));
  });

  it('refuses bytes that do not match the pin, and caches nothing', async () => {
    const cacheDir = path.join(dir, 'b');
    const error = await failure(fetchDataset(SET, { cacheDir, url: `${base}/other.jsonl` }));
    expect(error).toBeInstanceOf(DownloadError);
    expect(error.message).toMatch(/sent a file with sha256 [0-9a-f]{64}, not the pinned [0-9a-f]{64}; nothing was cached$/);
    expect(existsSync(cacheDir) ? readdirSync(cacheDir) : []).toEqual([]);
  });

  it('says clearly, in one line, when the network cannot be reached', async () => {
    for (const url of ['http://127.0.0.1:1/', `http://127.0.0.1:${closedPort}/data.jsonl`]) {
      const error = await failure(fetchDataset(SET, { cacheDir: path.join(dir, 'c'), url }));
      expect(error).toBeInstanceOf(DownloadError);
      expect(error.message).toMatch(new RegExp(`^tasks fetch tiny: cannot reach ${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\((bad port|ECONNREFUSED)\\); on a machine without network, .* --from FILE$`));
    }
    const missing = await failure(fetchDataset(SET, { cacheDir: path.join(dir, 'c'), url: `${base}/nope` }));
    expect(missing.message).toMatch(/answered HTTP 404/);
    const slow = await failure(fetchDataset(SET, { cacheDir: path.join(dir, 'c'), url: `${base}/hang`, timeoutMs: 200 }));
    expect(slow.message).toMatch(/\(timed out\)/);
  });

  it('imports a local copy only when it is the pinned file', async () => {
    const cacheDir = path.join(dir, 'd');
    const good = path.join(dir, 'good.jsonl');
    const bad = path.join(dir, 'bad.jsonl');
    writeFileSync(good, BODY);
    writeFileSync(bad, 'edited\n');
    const error = await failure(fetchDataset(SET, { cacheDir, from: bad }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(`--from ${bad}: sha256 ${sha256(Buffer.from('edited\n'))} is not the pinned ${SET.sha256} of tiny (tiny.jsonl as released)`);
    expect((await failure(fetchDataset(SET, { cacheDir, from: path.join(dir, 'absent') }))).message).toMatch(/--from .*absent: no such file$/);
    expect((await fetchDataset(SET, { cacheDir, from: good })).how).toBe('imported');
  });

  it('says how to fill a missing cache, and refuses an edited one', () => {
    const cacheDir = path.join(dir, 'e');
    expect(() => verifyCached(SET, cacheDir)).toThrow(`--suite tiny: not in the cache ${cacheDir}; run codebench tasks fetch tiny (or --from FILE)`);
    mkdirSync(cacheDir);
    writeFileSync(path.join(cacheDir, 'tiny.jsonl'), 'tampered\n');
    expect(() => verifyCached(SET, cacheDir)).toThrow(/tiny\.jsonl: sha256 [0-9a-f]{64} is not the pinned [0-9a-f]{64}; run codebench tasks fetch tiny again$/);
  });
});
