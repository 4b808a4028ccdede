import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './open-store.ts';
import type { Store } from './store.ts';

let store: Store | undefined;
afterEach(() => store?.close());

describe('conformance history', () => {
  it('keeps each battery and lists them newest first, by model spec and protocol', () => {
    store = openStore(join(mkdtempSync(join(tmpdir(), 'codebench-conformance-')), 'c.db'));
    const results = [{ name: 'text', result: 'pass' as const, detail: 'ok' }];
    const base = { modelSpec: 'deepseek:deepseek-chat', protocol: 'openai-chat', baseUrlHost: 'api.deepseek.com', results, tokens: 120 };
    const first = store.recordConformance({ ...base, createdAt: '2026-01-01T00:00:00.000Z' });
    const second = store.recordConformance({ ...base, createdAt: '2026-01-02T00:00:00.000Z', results: [{ ...results[0]!, result: 'deviation' }] });
    store.recordConformance({ ...base, protocol: 'anthropic-messages', createdAt: '2026-01-03T00:00:00.000Z' });
    const listed = store.listConformance({ modelSpec: base.modelSpec, protocol: 'openai-chat' });
    expect(listed.map((r) => r.id)).toEqual([second, first]);
    expect(listed[0]).toMatchObject({ baseUrlHost: 'api.deepseek.com', tokens: 120, results: [{ name: 'text', result: 'deviation' }] });
    expect(store.listConformance()).toHaveLength(3);
  });
});
