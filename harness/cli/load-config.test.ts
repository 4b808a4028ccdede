import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from './load-config.ts';

const GOOD = `# two reasoning settings of one model are two configs
prices: ./litellm.json
models:
  - name: sonnet-think-8k
    provider: anthropic
    model: claude-sonnet-4-5
    params:
      max_tokens: 16000
      thinking_budget: 8000
  - name: glm-fast
    provider: zai-anthropic
    model: glm-4.6
    api_key_env: MY_ZAI_KEY
    params: { thinking: false, temperature: 0.2 }
    price: { input: 0.6, output: 2.2, cache_read: 0.11 }
  - name: local-qwen
    provider: openai-compatible
    model: qwen2.5-coder
    base_url: http://127.0.0.1:8000/v1
`;

function errorOf(text: string, file = '/cfg/codebench.config.yaml'): string {
  try {
    parseConfig(text, file);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('parseConfig', () => {
  it('reads named models with params, key variable, base URL and price override', () => {
    const config = parseConfig(GOOD, '/cfg/codebench.config.yaml');
    expect(config.prices).toBe('/cfg/litellm.json');
    expect(config.models).toEqual([
      { name: 'sonnet-think-8k', provider: 'anthropic', model: 'claude-sonnet-4-5', baseUrl: undefined, apiKeyEnv: undefined, params: { maxTokens: 16000, thinkingBudget: 8000 }, price: undefined, origin: { file: '/cfg/codebench.config.yaml', line: 4 } },
      {
        name: 'glm-fast',
        provider: 'zai-anthropic',
        model: 'glm-4.6',
        baseUrl: undefined,
        apiKeyEnv: 'MY_ZAI_KEY',
        params: { thinking: false, temperature: 0.2 },
        price: { input: 0.6, output: 2.2, cacheRead: 0.11, cacheWrite: undefined, reasoning: undefined, source: '/cfg/codebench.config.yaml (price:)', asOf: undefined },
        origin: { file: '/cfg/codebench.config.yaml', line: 10 },
      },
      expect.objectContaining({ name: 'local-qwen', baseUrl: 'http://127.0.0.1:8000/v1', params: {} }),
    ]);
  });

  it('reads the same thing from JSON', () => {
    const config = parseConfig(JSON.stringify({ models: [{ name: 'ds', provider: 'deepseek', model: 'deepseek-chat', params: { reasoning_effort: 'high' } }] }), 'c.json');
    expect(config.models[0]).toMatchObject({ name: 'ds', params: { reasoningEffort: 'high' } });
  });

  it.each([
    ['a wrong type', GOOD.replace('max_tokens: 16000', 'max_tokens: lots'), /codebench\.config\.yaml:8: models\[0\]\.params\.max_tokens: expected number, got "lots"/],
    ['an unknown field', GOOD.replace('    model: glm-4.6', '    model: glm-4.6\n    temprature: 1'), /:13: models\[1\]\.temprature: unknown field/],
    ['an unknown provider', GOOD.replace('provider: anthropic\n', 'provider: anthropik\n'), /:5: models\[0\]\.provider: unknown provider "anthropik"/],
    ['a bad reasoning effort', GOOD.replace('thinking_budget: 8000', 'reasoning_effort: huge'), /:9: models\[0\]\.params\.reasoning_effort: expected one of none, minimal, low, medium, high, xhigh, max, got "huge"/],
    ['a budget above max_tokens', GOOD.replace('thinking_budget: 8000', 'thinking_budget: 20000'), /:9: models\[0\]\.params\.thinking_budget: thinking_budget must be below max_tokens/],
    ['a duplicate name', GOOD.replace('name: glm-fast', 'name: sonnet-think-8k'), /:10: models\[1\]\.name: duplicate model name "sonnet-think-8k"/],
    ['a name with a colon', GOOD.replace('name: glm-fast', 'name: "glm:fast"'), /:10: models\[1\]\.name: expected letters, digits/],
    ['a name that is a provider', GOOD.replace('name: glm-fast', 'name: deepseek'), /:10: models\[1\]\.name: "deepseek" is a provider name/],
    ['a generic provider with no base_url', GOOD.replace('    base_url: http://127.0.0.1:8000/v1\n', ''), /:16: models\[2\]\.base_url: openai-compatible needs a base_url/],
    ['a missing model', GOOD.replace('    model: glm-4.6\n', ''), /:10: models\[1\]\.model: missing required field/],
    ['a per-token price', GOOD.replace('input: 0.6', 'input: 6e+3'), /models\[1\]\.price\.input: looks like/],
    ['broken YAML', 'models:\n  - name: [x\n', /codebench\.config\.yaml:\d+: invalid YAML/],
  ])('names file, line and field for %s', (_what, text, message) => {
    expect(errorOf(text)).toMatch(message);
  });

  it('names the line of broken JSON', () => {
    expect(errorOf('{\n  "models": [\n    {"name": }\n  ]\n}', '/cfg/c.json')).toMatch(/^\/cfg\/c\.json:3: invalid JSON/);
  });
});

describe('loadConfig', () => {
  it('finds codebench.config.yaml in the working directory, and is empty without one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'codebench-config-'));
    expect(loadConfig({ cwd: dir })).toEqual({ models: [] });
    writeFileSync(join(dir, 'codebench.config.yaml'), GOOD);
    expect(loadConfig({ cwd: dir }).models).toHaveLength(3);
  });

  it('says when --config names a missing file', () => {
    expect(() => loadConfig({ path: 'nope.yaml', cwd: tmpdir() })).toThrow(/^--config nope\.yaml: no such file$/);
  });
});

describe('the example config shipped in the repo', () => {
  it('loads, so the README points at a file that works', () => {
    const config = loadConfig({ path: join(import.meta.dirname, '../../codebench.config.example.yaml') });
    expect(config.models.map((m) => m.name)).toEqual(['sonnet', 'sonnet-think-8k', 'glm', 'deepseek-v3', 'qwen-local']);
  });
});
