import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import { readJsonl } from './read-jsonl.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'codebench-read-jsonl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
}

/** The InputError `readJsonl` throws for `target`; fails the test if it throws anything else. */
function readError(target: string): InputError {
  try {
    readJsonl(target);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    const inputError = error as InputError;
    expect(inputError.message).not.toContain('\n');
    expect(inputError.retryable).toBe(false);
    return inputError;
  }
  throw new Error(`expected readJsonl(${target}) to throw`);
}

describe('readJsonl', () => {
  it('reads objects with 1-based physical line numbers, skipping blank lines', () => {
    const target = file('blank.jsonl', '{"a":1}\n\n   \n{"a":2}\n\n');
    expect(readJsonl(target)).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 4, value: { a: 2 } },
    ]);
  });

  it('accepts CRLF line endings, a UTF-8 BOM and a last line without newline', () => {
    const target = file('bom.jsonl', '\uFEFF{"s":"é"}\r\n\r\n{"s":"x"}');
    expect(readJsonl(target)).toEqual([
      { line: 1, value: { s: 'é' } },
      { line: 3, value: { s: 'x' } },
    ]);
  });

  it('returns nothing for an empty file', () => {
    expect(readJsonl(file('empty.jsonl', ''))).toEqual([]);
  });

  it('gunzips by extension and by magic bytes', () => {
    const body = gzipSync('{"id":"a"}\n{"id":"b"}\n');
    const expected = [
      { line: 1, value: { id: 'a' } },
      { line: 2, value: { id: 'b' } },
    ];
    expect(readJsonl(file('data.jsonl.gz', body))).toEqual(expected);
    expect(readJsonl(file('renamed.jsonl', body))).toEqual(expected);
  });

  it('reports a missing file and a directory', () => {
    const missing = path.join(dir, 'nope.jsonl');
    expect(readError(missing).message).toBe(`${missing}: no such file`);
    const folder = path.join(dir, 'folder.jsonl');
    mkdirSync(folder);
    expect(readError(folder).message).toBe(`${folder}: is a directory, not a file`);
  });

  it('reports garbage and truncated gzip', () => {
    const garbage = file('garbage.jsonl.gz', 'this is not gzip at all');
    expect(readError(garbage).message).toBe(`${garbage}: not a valid gzip file`);
    const whole = gzipSync('{"a":1}\n'.repeat(1000));
    const truncated = file('truncated.jsonl.gz', whole.subarray(0, Math.floor(whole.length / 2)));
    expect(readError(truncated).message).toBe(`${truncated}: not a valid gzip file`);
    const magicOnly = file('magic.jsonl', Buffer.from([0x1f, 0x8b, 0x00, 0x01]));
    expect(readError(magicOnly).message).toBe(`${magicOnly}: not a valid gzip file`);
  });

  it('names the line of invalid JSON with a short reason', () => {
    const target = file('bad.jsonl', `{"a":1}\n{"a":2}\n{"a": ${'x'.repeat(500)}}\n{"a":4}\n`);
    const { message } = readError(target);
    expect(message.startsWith(`${target}:3: invalid JSON (`)).toBe(true);
    expect(message.endsWith(')')).toBe(true);
    expect(message.length).toBeLessThan(target.length + 140);
  });

  it('counts lines in the decompressed text of a gzip file', () => {
    const target = file('bad.jsonl.gz', gzipSync('{"a":1}\n\n{oops}\n'));
    expect(readError(target).message).toMatch(new RegExp(`^${escape(target)}:3: invalid JSON \\(.+\\)$`));
  });

  it('rejects values that are not objects', () => {
    const array = file('array.jsonl', '{"a":1}\n[1, 2]\n');
    expect(readError(array).message).toBe(`${array}:2: expected a JSON object, found an array`);
    expect(readError(file('null.jsonl', 'null\n')).message).toMatch(/:1: expected a JSON object, found null$/);
    expect(readError(file('number.jsonl', '\n7\n')).message).toMatch(/:2: expected a JSON object, found a number$/);
  });

  it('rejects bytes that are not UTF-8', () => {
    const target = file('latin1.jsonl', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d, 0x0a]));
    expect(readError(target).message).toBe(`${target}: not valid UTF-8 text`);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
