import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodebenchError, InputError } from '../core/errors.ts';
import type { PublicSet } from './public-sets.ts';

/** The download failed or brought the wrong bytes: an infrastructure failure, exit code 3. */
export class DownloadError extends CodebenchError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { retryable: true, cause: options.cause });
  }
}

/** Public data files are a few MB; anything far bigger is not the file we pinned. */
const MAX_BYTES = 256 * 2 ** 20;

export interface FetchOptions {
  cacheDir: string;
  /** Import this local copy instead of downloading (offline machines). */
  from?: string;
  /** Download from here instead of the set's canonical URL (a mirror); the pin still applies. */
  url?: string;
  timeoutMs?: number;
}

export interface FetchResult {
  path: string;
  sha256: string;
  how: 'downloaded' | 'imported' | 'already cached';
}

/** Where a set lives in the cache. */
export function cachedPath(set: PublicSet, cacheDir: string): string {
  return join(cacheDir, set.file);
}

/**
 * Puts a public set into the cache, verified against its pinned sha256: from `--from FILE`, from
 * the network, or not at all when a good copy is already there. The file is written under a
 * temporary name and renamed, so a crash never leaves half a file under the real name.
 */
export async function fetchDataset(set: PublicSet, options: FetchOptions): Promise<FetchResult> {
  const target = cachedPath(set, options.cacheDir);
  if (options.from === undefined && existsSync(target) && sha256(readFileSync(target)) === set.sha256) {
    return { path: target, sha256: set.sha256, how: 'already cached' };
  }
  const bytes = options.from === undefined ? await download(set, options) : readLocal(set, options.from);
  try {
    mkdirSync(options.cacheDir, { recursive: true });
    const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(temporary, bytes);
    try {
      renameSync(temporary, target);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(`--cache-dir ${options.cacheDir}: cannot write ${set.file} (${code})`, { cause: error });
  }
  return { path: target, sha256: set.sha256, how: options.from === undefined ? 'downloaded' : 'imported' };
}

function readLocal(set: PublicSet, file: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`--from ${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(error)})`}`, { cause: error });
  }
  const actual = sha256(bytes);
  if (actual !== set.sha256) {
    throw new InputError(`--from ${file}: sha256 ${actual} is not the pinned ${set.sha256} of ${set.name} (${set.file} as released)`);
  }
  return bytes;
}

async function download(set: PublicSet, options: FetchOptions): Promise<Buffer> {
  const url = options.url ?? set.url;
  const offline = `; on a machine without network, get ${set.file} elsewhere and run: codebench tasks fetch ${set.name} --from FILE`;
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(options.timeoutMs ?? 120_000) });
  } catch (error) {
    throw new DownloadError(`tasks fetch ${set.name}: cannot reach ${url} (${networkReason(error)})${offline}`, { cause: error });
  }
  if (!response.ok) {
    throw new DownloadError(`tasks fetch ${set.name}: ${url} answered HTTP ${response.status}${offline}`);
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_BYTES) throw new DownloadError(`tasks fetch ${set.name}: ${url} is ${declared} bytes, far more than ${set.file} should be`);
  let bytes: Buffer;
  try {
    bytes = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    throw new DownloadError(`tasks fetch ${set.name}: the download from ${url} broke off (${networkReason(error)})${offline}`, { cause: error });
  }
  const actual = sha256(bytes);
  if (actual !== set.sha256) {
    throw new DownloadError(`tasks fetch ${set.name}: ${url} sent a file with sha256 ${actual}, not the pinned ${set.sha256}; nothing was cached`);
  }
  return bytes;
}

/** undici says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, a timeout) is its cause. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timed out';
  return (cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))).replace(/\s+/g, ' ');
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Checks a cached file against its pin before it is used. A mismatch means someone edited or
 * truncated the cache.
 */
export function verifyCached(set: PublicSet, cacheDir: string): string {
  const path = cachedPath(set, cacheDir);
  if (!existsSync(path)) {
    throw new InputError(`--suite ${set.name}: not in the cache ${cacheDir}; run codebench tasks fetch ${set.name} (or --from FILE)`);
  }
  const actual = sha256(readFileSync(path));
  if (actual !== set.sha256) {
    throw new InputError(`${path}: sha256 ${actual} is not the pinned ${set.sha256}; run codebench tasks fetch ${set.name} again`);
  }
  return path;
}
