import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../core/errors.ts';

export interface JsonlRecord {
  /** 1-based physical line in the (decompressed) file. */
  line: number;
  value: unknown;
}

export interface SourceText {
  /** The decoded (and, for gzip, decompressed) text. */
  text: string;
  /** sha256 of the file's bytes as stored, the hash that dataset READMEs and pins quote. */
  sha256: string;
}

/**
 * Reads a `.jsonl` or `.jsonl.gz` file into one record per non-blank line. The file is
 * decompressed when its name ends in `.gz` or its bytes start with the gzip magic, since datasets
 * are often renamed without their extension. Every failure is an `InputError` whose one-line
 * message starts with the path (and line).
 */
export function readJsonl(path: string): JsonlRecord[] {
  return parseJsonl(path, readSourceText(path).text);
}

/** Reads, hashes and decodes a data file (gunzipping it when needed) without parsing it. */
export function readSourceText(path: string): SourceText {
  const bytes = readBytes(path);
  return { text: decode(path, bytes), sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** The non-blank lines of `text`, 1-based, with a leading BOM removed. */
export function jsonlLines(text: string): { line: number; source: string }[] {
  const out: { line: number; source: string }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const source = (i === 0 ? raw.replace(/^\uFEFF/, '') : raw).replace(/\r$/, '');
    if (source.trim() !== '') out.push({ line: i + 1, source });
  }
  return out;
}

/** Parses JSONL text read from `path`; `path` only names the file in errors. */
export function parseJsonl(path: string, text: string): JsonlRecord[] {
  const records: JsonlRecord[] = [];
  for (const { line, source } of jsonlLines(text)) {
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      throw new InputError(`${path}:${line}: invalid JSON (${shortReason(error)})`, { cause: error });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new InputError(`${path}:${line}: expected a JSON object, found ${describe(value)}`);
    }
    records.push({ line, value });
  }
  return records;
}

function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${path}: no such file`, { cause: error });
    if (code === 'EISDIR') throw new InputError(`${path}: is a directory, not a file`, { cause: error });
    throw new InputError(`${path}: cannot read (${code ?? oneLine(String(error))})`, { cause: error });
  }
}

function decode(path: string, bytes: Buffer): string {
  let data = bytes;
  if (path.endsWith('.gz') || (bytes[0] === 0x1f && bytes[1] === 0x8b)) {
    try {
      data = gunzipSync(bytes);
    } catch (error) {
      throw new InputError(`${path}: not a valid gzip file`, { cause: error });
    }
  }
  try {
    // `fatal` turns mojibake into an error here instead of a mysterious mismatch later.
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch (error) {
    throw new InputError(`${path}: not valid UTF-8 text`, { cause: error });
  }
}

/** V8 quotes the whole offending line in its message; keep only the reason. */
export function shortReason(error: unknown): string {
  const message = oneLine(error instanceof Error ? error.message : String(error)).replace(/, ".*" is not valid JSON$/, '');
  return message.length > 100 ? `${message.slice(0, 97)}...` : message;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
