import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerByPrompt } from '../adapters/fake-provider/answer-by-prompt.ts';
import { corpusAnswers } from '../adapters/fake-provider/corpus-answers.ts';
import { FakeProvider } from '../adapters/fake-provider/fake-provider-server.ts';
import { sandboxUnavailableReason } from '../sandbox/test-support.ts';
import { loadCorpus } from '../tasks/load-corpus.ts';
import { main } from './main.ts';

// End to end: `codebench run` against a fake provider on 127.0.0.1 that answers each task of a
// small slice of our corpus with its reference, over both wire formats, through the real SDKs.

const CORPUS = resolve(import.meta.dirname, '../../tasks/codebench');
const sandboxMissing = sandboxUnavailableReason();
if (sandboxMissing) console.warn(`skipping the fake-provider CLI run: ${sandboxMissing}`);

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'codebench-fake-run-'));
const suite = join(dir, 'suite');
let fake: FakeProvider;

beforeAll(async () => {
  mkdirSync(suite);
  for (const file of ['python/bankers-round-cents.yaml', 'typescript/format-bytes.yaml']) copyFileSync(join(CORPUS, file), join(suite, file.split('/')[1]!));
  fake = await FakeProvider.start({ answer: answerByPrompt(corpusAnswers(loadCorpus(suite, 'slice'))), cachedTokens: 8 });
});
afterAll(() => fake?.close());

describe.skipIf(sandboxMissing)('codebench run against the fake provider', () => {
  it('runs both protocols to 100% with tokens, cost and time to first token in the summary', async () => {
    const config = join(dir, 'codebench.config.yaml');
    writeFileSync(config, `models:\n  - name: priced-claude\n    provider: anthropic-compatible\n    model: any\n    base_url: ${fake.url}\n    price: { input: 3, output: 15, cache_read: 0.3 }\n`);
    const db = join(dir, 'run.db');
    const text = await cli('run', '--model', 'priced-claude', '--model', 'openai-compatible:any', '--base-url', `${fake.url}/v1`, '--suite', suite, '--config', config, '--db', db);
    expect(text.stderr).not.toMatch(/unscored [1-9]/);
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines.find((l) => l.startsWith('model'))).toMatch(/pass@1 .* in +cache r +cache w +out +reason +\$ total +ttft p50/);
    expect(lines.find((l) => l.startsWith('priced-claude'))).toMatch(/ 2 +2 +100\.0% .* \$0\.\d+ +\d+ms/);
    // No price for a generic endpoint: "?", never $0.
    expect(lines.find((l) => l.startsWith('openai-compatible:any'))).toMatch(/ 2 +2 +100\.0% .* \? +\d+ms/);
    expect(text.stdout).toMatch(/note: openai-compatible:any: no price for 2 answer\(s\)/);
    // One request per sample: the SDKs did not retry behind the runner's back.
    expect(fake.requestCount).toBe(4);

    const again = await cli('run', '--model', 'priced-claude', '--model', 'openai-compatible:any', '--base-url', `${fake.url}/v1`, '--suite', suite, '--config', config, '--db', db, '--json');
    const summary = JSON.parse(again.stdout) as { models: { name: string; passAt1: number; tokens: Record<string, number>; cost: { totalUsd?: number }; latency: { ttftP50Ms?: number } }[] };
    const [claude, openai] = summary.models;
    expect(claude).toMatchObject({ name: 'priced-claude', passAt1: 1 });
    expect(claude!.tokens.input).toBeGreaterThan(0);
    expect(claude!.tokens.cacheRead).toBe(16);
    // Our price from the usage stored with each sample: input × $3 + cache read × $0.30 + output × $15.
    expect(claude!.cost.totalUsd).toBeCloseTo((claude!.tokens.input! * 3 + 16 * 0.3 + claude!.tokens.output! * 15) / 1e6, 12);
    expect(openai).toMatchObject({ name: 'openai-compatible:any', passAt1: 1, tokens: { cacheRead: 16, reasoning: 0 } });
    expect(openai!.cost.totalUsd).toBeUndefined();
    expect(openai!.latency.ttftP50Ms).toBeGreaterThanOrEqual(0);
  }, 240_000);
});

describe('codebench run: model input errors, one line, exit 2', () => {
  it('names the key variable a provider needs', async () => {
    const saved = process.env.DEEPSEEK_API_KEY;
    delete process.env.DEEPSEEK_API_KEY;
    try {
      const r = await cli('run', '--model', 'deepseek:deepseek-chat', '--suite', suite, '--db', join(dir, 'k.db'), '--config', join(dir, 'none.yaml'));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--config .*none\.yaml: no such file/);
      const r2 = await cli('run', '--model', 'deepseek:deepseek-chat', '--suite', suite, '--db', join(dir, 'k.db'));
      expect(r2).toMatchObject({ code: 2, stderr: 'codebench: --model deepseek:deepseek-chat: set DEEPSEEK_API_KEY\n' });
    } finally {
      if (saved !== undefined) process.env.DEEPSEEK_API_KEY = saved;
    }
  });

  it('asks for a base URL for the generic providers', async () => {
    const r = await cli('run', '--model', 'anthropic-compatible:any', '--suite', suite, '--db', join(dir, 'k.db'));
    expect(r).toMatchObject({ code: 2, stderr: 'codebench: --model anthropic-compatible:any: anthropic-compatible needs --base-url URL (or base_url in the config file)\n' });
  });
});

describe('codebench models list', () => {
  it('lists presets and configured models with whether each key is set, never the key', async () => {
    const config = join(dir, 'models.yaml');
    writeFileSync(config, 'models:\n  - name: sonnet-think\n    provider: anthropic\n    model: claude-sonnet-4-5\n    params: { thinking_budget: 8000 }\n');
    const saved = process.env.ANTHROPIC_API_KEY;
    process.env.ANTHROPIC_API_KEY = 'sk-ant-secret-value';
    try {
      const r = await cli('models', 'list', '--config', config, '--json');
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain('sk-ant-secret-value');
      const out = JSON.parse(r.stdout) as { presets: { provider: string; key: string }[]; models: unknown[] };
      expect(out.presets.find((p) => p.provider === 'anthropic')).toMatchObject({ key: 'set', keyVar: 'ANTHROPIC_API_KEY' });
      expect(out.presets.find((p) => p.provider === 'ollama')).toMatchObject({ key: 'not needed' });
      expect(out.models).toEqual([expect.objectContaining({ name: 'sonnet-think', key: 'set', priced: true, params: { thinkingBudget: 8000 } })]);
      const table = await cli('models', 'list', '--config', config);
      expect(table.stdout).toMatch(/^zai-anthropic +anthropic-messages +https:\/\/api\.z\.ai\/api\/anthropic +ZAI_API_KEY/m);
      expect(table.stdout).toMatch(/^sonnet-think +anthropic +claude-sonnet-4-5 +ANTHROPIC_API_KEY +set +known/m);
    } finally {
      if (saved === undefined) delete process.env.ANTHROPIC_API_KEY;
      else process.env.ANTHROPIC_API_KEY = saved;
    }
  });
});
