import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeProvider } from '../adapters/fake-provider/fake-provider-server.ts';
import { main } from './main.ts';

// `codebench conformance` end to end: the real SDKs against the fake server on 127.0.0.1.

let fake: FakeProvider | undefined;
afterEach(() => fake?.close());

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('codebench conformance', () => {
  it.each([
    ['openai-compatible:fake-model', '/v1'],
    ['anthropic-compatible:fake-model', ''],
  ])('passes %s against the faithful fake, keeps the history and exits 0', async (spec, path) => {
    fake = await FakeProvider.start({ faithful: true });
    const db = join(mkdtempSync(join(tmpdir(), 'codebench-conformance-')), 'c.db');
    const first = await cli('conformance', '--model', spec, '--base-url', `${fake.url}${path}`, '--db', db);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^tool-round-trip +pass /m);
    expect(first.stdout).toMatch(/Tokens: \d+ in, \d+ out \(output bounded by \d+\)/);
    const second = await cli('conformance', '--model', spec, '--base-url', `${fake.url}${path}`, '--db', db, '--format', 'md');
    expect(second.stdout).toMatch(/^\| model-echo \| pass \|/m);
    expect(second.stdout).toMatch(/No change since /);
  });

  it('exits 1 on a deviation and shows what changed since the last battery', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'codebench-conformance-')), 'c.db');
    fake = await FakeProvider.start({ faithful: true });
    expect((await cli('conformance', '--model', 'openai-compatible:m', '--base-url', `${fake.url}/v1`, '--db', db)).code).toBe(0);
    await fake.close();
    fake = await FakeProvider.start({ deviations: ['substitute-model'] });
    const text = await cli('conformance', '--model', 'openai-compatible:m', '--base-url', `${fake.url}/v1`, '--db', db, '--format', 'json');
    expect(text.code).toBe(1);
    const json = JSON.parse(text.stdout);
    expect(json.probes.find((p: { name: string }) => p.name === 'model-echo').result).toBe('deviation');
    expect(json.changes).toEqual([expect.objectContaining({ name: 'model-echo', before: 'pass', after: 'deviation' })]);
  });

  it('run --require-conformance refuses to start on a deviation, naming it', async () => {
    fake = await FakeProvider.start({ deviations: ['ignore-stop-sequences'] });
    const db = join(mkdtempSync(join(tmpdir(), 'codebench-conformance-')), 'c.db');
    const text = await cli('run', '--require-conformance', '--model', 'reference', '--model', 'openai-compatible:m', '--base-url', `${fake.url}/v1`, '--db', db);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/refusing to start, --require-conformance failed:\n  openai-compatible:m: stop-sequences \(/);
    expect(fake.requests.every((r) => !JSON.stringify(r.body).includes('def '))).toBe(true);
  });

  it('refuses a protocol the provider does not speak', async () => {
    const text = await cli('conformance', '--model', 'openai-compatible:m', '--base-url', 'http://127.0.0.1:9/v1', '--protocol', 'anthropic', '--db', join(tmpdir(), 'unused.db'));
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/--protocol anthropic: openai-compatible speaks only openai-chat/);
  });
});
