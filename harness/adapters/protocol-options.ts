import type { ModelParams } from './model-params.ts';
import type { AnthropicQuirks, OpenAiQuirks } from './provider-presets.ts';

/** What a protocol adapter is built from; the CLI supplies the key and URL, adapters never read the environment. */
export interface ProtocolAdapterOptions {
  /** The name before the colon, e.g. `deepseek` or `zai-anthropic`. */
  provider: string;
  model: string;
  baseUrl: string;
  /** `undefined` for servers that take none; a placeholder is sent so the SDK reads no variable. */
  apiKey?: string;
  params: ModelParams;
  /** Per request and per silence mid-stream; default `DEFAULT_TIMEOUT_MS`. */
  timeoutMs?: number;
}

export interface OpenAiAdapterOptions extends ProtocolAdapterOptions {
  quirks: OpenAiQuirks;
}

export interface AnthropicAdapterOptions extends ProtocolAdapterOptions {
  quirks: AnthropicQuirks;
}

/** Per request, and the longest silence a stream may have; the SDKs' own default. */
export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

/** Sent when no key is configured; local servers ignore it, and it stops the SDKs reading their own variables. */
export const NO_KEY = 'codebench-no-key';

/** Errors that a lost connection produces while a body is being read (undici says "terminated"). */
export function isConnectionLoss(error: unknown): boolean {
  const e = error as { name?: string; message?: string; code?: string; cause?: { code?: string } } | null;
  if (!e || typeof e !== 'object') return false;
  const code = e.code ?? e.cause?.code;
  return /terminated|socket|ECONNRESET|other side closed/i.test(`${e.message ?? ''} ${code ?? ''}`);
}
