import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { ModelParams } from '../adapters/model-params.ts';
import { modelTarget } from '../adapters/registry.ts';
import { InputError } from '../core/errors.ts';
import type { ModelPrice } from '../pricing/model-price.ts';
import { configFileSchema, type ModelEntry } from './config-file-schema.ts';

/** A named model from the config file, ready to build. */
export interface ConfiguredModel {
  name: string;
  provider: string;
  model: string;
  baseUrl?: string;
  /** Overrides the preset's key variable NAME. */
  apiKeyEnv?: string;
  params: ModelParams;
  price?: ModelPrice;
  origin: { file: string; line: number | undefined };
}

export interface CodebenchConfig {
  /** `undefined` when there is no config file. */
  file?: string;
  models: ConfiguredModel[];
  /** Absolute path of a litellm-format price file. */
  prices?: string;
}

export const CONFIG_NAMES = ['codebench.config.yaml', 'codebench.config.yml', 'codebench.config.json'];

/** `--config FILE`, else `codebench.config.{yaml,yml,json}` in `cwd`, else an empty config. */
export function loadConfig(options: { path?: string; cwd?: string } = {}): CodebenchConfig {
  const cwd = options.cwd ?? process.cwd();
  if (options.path !== undefined) {
    const file = resolve(cwd, options.path);
    if (!existsSync(file)) throw new InputError(`--config ${options.path}: no such file`);
    return parseConfig(readFileSync(file, 'utf8'), file);
  }
  const found = CONFIG_NAMES.map((n) => join(cwd, n)).find((f) => existsSync(f));
  return found ? parseConfig(readFileSync(found, 'utf8'), found) : { models: [] };
}

/** Parses and validates config text (YAML, or JSON, which YAML reads too); errors name file, line and field. */
export function parseConfig(text: string, file: string): CodebenchConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  if (file.endsWith('.json')) {
    // YAML would accept things JSON does not (`{"a": }`), so a .json file must parse as JSON.
    try {
      JSON.parse(text);
    } catch (error) {
      throw new InputError(`${file}:${lineAt(jsonErrorOffset(text))}: invalid JSON: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  const syntax = doc.errors[0];
  if (syntax) throw new InputError(`${file}:${lineAt(syntax.pos[0])}: invalid YAML: ${syntax.message.split('\n')[0]}`);
  const raw: unknown = doc.toJS({ maxAliasCount: 50 }) ?? {};
  const lineOf = (path: PropertyKey[]) => lineOfPath(doc, path, lineAt);
  const fail = (path: PropertyKey[], message: string): never => {
    const line = lineOf(path) ?? lineOf(path.slice(0, -1)) ?? lineOf(path.slice(0, -2));
    throw new InputError(`${file}${line === undefined ? '' : `:${line}`}: ${formatPath(path)}: ${message}`);
  };
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path, describeIssue(issue, raw));
  }
  const data = parsed.data!;
  const seen = new Set<string>();
  const models = data.models.map((m, i) => {
    const at = ['models', i];
    if (seen.has(m.name)) fail([...at, 'name'], `duplicate model name "${m.name}"`);
    seen.add(m.name);
    if (modelTarget(m.name) || m.name === 'reference') fail([...at, 'name'], `"${m.name}" is a provider name; pick another`);
    const target = modelTarget(m.provider);
    if (!target) fail([...at, 'provider'], `unknown provider "${m.provider}" (see codebench models list)`);
    if (target && !target.baseUrl && !m.base_url) fail([...at, 'base_url'], `${m.provider} needs a base_url`);
    return toConfigured(m, file, lineOf(at));
  });
  return { file, models, prices: data.prices === undefined ? undefined : resolve(dirname(file), data.prices) };
}

function toConfigured(m: ModelEntry, file: string, line: number | undefined): ConfiguredModel {
  const p = m.params ?? {};
  const params: ModelParams = {};
  if (p.temperature !== undefined) params.temperature = p.temperature;
  if (p.max_tokens !== undefined) params.maxTokens = p.max_tokens;
  if (p.seed !== undefined) params.seed = p.seed;
  if (p.top_p !== undefined) params.topP = p.top_p;
  if (p.reasoning_effort !== undefined) params.reasoningEffort = p.reasoning_effort;
  if (p.thinking_budget !== undefined) params.thinkingBudget = p.thinking_budget;
  if (p.thinking !== undefined) params.thinking = p.thinking;
  if (p.stream !== undefined) params.stream = p.stream;
  if (p.extra_body !== undefined) params.extraBody = p.extra_body;
  const price: ModelPrice | undefined = m.price && {
    input: m.price.input,
    output: m.price.output,
    cacheRead: m.price.cache_read,
    cacheWrite: m.price.cache_write,
    reasoning: m.price.reasoning,
    source: m.price.source ?? `${file} (price:)`,
    asOf: m.price.as_of,
  };
  return { name: m.name, provider: m.provider, model: m.model, baseUrl: m.base_url, apiKeyEnv: m.api_key_env, params, price, origin: { file, line } };
}

/**
 * Where JSON text goes wrong: the shortest prefix that fails for a reason other than ending too
 * soon. (Node's messages give a position only for some errors.)
 */
function jsonErrorOffset(text: string): number {
  const broken = (k: number): boolean => {
    try {
      JSON.parse(text.slice(0, k));
      return false;
    } catch (error) {
      const message = (error as Error).message;
      const at = /at position (\d+)/.exec(message);
      return !/Unexpected end/.test(message) && !(at && Number(at[1]) >= k);
    }
  };
  if (!broken(text.length)) return Math.max(0, text.length - 1);
  let lo = 1;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (broken(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  if (issue.code === 'unrecognized_keys') return 'unknown field';
  const value = issue.path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), raw);
  if (issue.code === 'invalid_type') return value === undefined ? 'missing required field' : `expected ${issue.expected}, got ${JSON.stringify(value)}`;
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map(String).join(', ')}, got ${JSON.stringify(value)}`;
  return value === undefined || typeof value === 'object' ? issue.message : `${issue.message}, got ${JSON.stringify(value)}`;
}

function lineOfPath(doc: Document, path: PropertyKey[], lineAt: (offset: number) => number): number | undefined {
  const keys = path.filter((k): k is string | number => typeof k !== 'symbol');
  const start = (node: unknown) => {
    const range = (node as { range?: unknown } | null)?.range;
    return Array.isArray(range) && typeof range[0] === 'number' ? lineAt(range[0]) : undefined;
  };
  if (keys.length === 0) return start(doc.contents);
  const parent = keys.length === 1 ? doc.contents : doc.getIn(keys.slice(0, -1), true);
  const last = keys.at(-1);
  if (isMap(parent)) return start(parent.items.find((item) => isScalar(item.key) && item.key.value === last)?.key);
  if (isSeq(parent) && typeof last === 'number') return start(parent.items[last]);
  return undefined;
}

function formatPath(path: PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out === '' ? '(file)' : out;
}
