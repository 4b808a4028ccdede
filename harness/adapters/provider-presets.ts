/** The two wire protocols; every provider below speaks one or both. */
export type Protocol = 'openai-chat' | 'anthropic-messages';

/**
 * How an OpenAI-style provider takes a reasoning setting (providers.md §2.2, §3):
 * `reasoning-effort` OpenAI's `reasoning_effort`; `thinking-object` GLM/DeepSeek/Kimi
 * `thinking: {type}`; `enable-thinking` DashScope's `enable_thinking` + `thinking_budget`;
 * `openrouter` `reasoning: {effort | max_tokens | enabled}`; `chat-template` vLLM and llama.cpp
 * `chat_template_kwargs.enable_thinking`.
 */
export type OpenAiReasoningStyle = 'reasoning-effort' | 'thinking-object' | 'enable-thinking' | 'openrouter' | 'chat-template';

export interface OpenAiQuirks {
  /** OpenAI's reasoning models reject `max_tokens`; most other providers document only `max_tokens`. */
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
  /** `stream_options.include_usage`: without it OpenAI, DashScope and vLLM send no usage on a stream. */
  includeUsage: boolean;
  reasoning: OpenAiReasoningStyle;
}

export interface AnthropicQuirks {
  /** OpenRouter's Anthropic endpoint wants the key as a Bearer token; the rest take `x-api-key`. */
  auth: 'x-api-key' | 'bearer';
  /**
   * The `anthropic-version` header. SDK 1.x sends 2026-10-21; we pin the version whose wire format
   * providers.md documents and every compatible endpoint implements.
   */
  version: string;
}

export interface ProviderPreset {
  label: string;
  /** The NAME of the variable holding the key; never the key. */
  keyVar: string;
  /** Local servers take any key or none. */
  keyRequired: boolean;
  defaultProtocol: Protocol;
  /** A missing `baseUrl` means the user must give one (`--base-url` or `base_url:` in the config). */
  openai?: { baseUrl?: string; quirks?: Partial<OpenAiQuirks> };
  anthropic?: { baseUrl?: string; quirks?: Partial<AnthropicQuirks> };
  /** Where its USD prices live in the price book; absent when it bills in another currency or is unknown. */
  priceNamespace?: string;
}

export const DEFAULT_OPENAI_QUIRKS: OpenAiQuirks = { maxTokensField: 'max_tokens', includeUsage: true, reasoning: 'reasoning-effort' };
export const DEFAULT_ANTHROPIC_QUIRKS: AnthropicQuirks = { auth: 'x-api-key', version: '2023-06-01' };

const THINKING = { maxTokensField: 'max_tokens', reasoning: 'thinking-object' } as const;

// Base URLs and key variables: ../shared/docs/providers.md §3 (summary table). OpenAI-style URLs
// include /v1 (or the provider's own prefix); Anthropic-style URLs exclude it, as each SDK expects.
export const PROVIDER_PRESETS: Record<string, ProviderPreset> = {
  anthropic: {
    label: 'Anthropic',
    keyVar: 'ANTHROPIC_API_KEY',
    keyRequired: true,
    defaultProtocol: 'anthropic-messages',
    anthropic: { baseUrl: 'https://api.anthropic.com' },
    priceNamespace: 'anthropic',
  },
  openai: {
    label: 'OpenAI',
    keyVar: 'OPENAI_API_KEY',
    keyRequired: true,
    defaultProtocol: 'openai-chat',
    openai: { baseUrl: 'https://api.openai.com/v1', quirks: { maxTokensField: 'max_completion_tokens' } },
    priceNamespace: 'openai',
  },
  deepseek: {
    label: 'DeepSeek',
    keyVar: 'DEEPSEEK_API_KEY',
    keyRequired: true,
    defaultProtocol: 'openai-chat',
    openai: { baseUrl: 'https://api.deepseek.com', quirks: THINKING },
    anthropic: { baseUrl: 'https://api.deepseek.com/anthropic' },
    priceNamespace: 'deepseek',
  },
  zai: {
    label: 'Z.ai GLM (international, USD)',
    keyVar: 'ZAI_API_KEY',
    keyRequired: true,
    defaultProtocol: 'openai-chat',
    openai: { baseUrl: 'https://api.z.ai/api/paas/v4', quirks: THINKING },
    anthropic: { baseUrl: 'https://api.z.ai/api/anthropic' },
    priceNamespace: 'zai',
  },
  bigmodel: {
    label: 'Zhipu BigModel GLM (China, CNY)',
    keyVar: 'ZHIPUAI_API_KEY',
    keyRequired: true,
    defaultProtocol: 'openai-chat',
    openai: { baseUrl: 'https://open.bigmodel.cn/api/paas/v4', quirks: THINKING },
    anthropic: { baseUrl: 'https://open.bigmodel.cn/api/anthropic' },
  },
  dashscope: {
    label: 'Alibaba Model Studio Qwen (international)',
    keyVar: 'DASHSCOPE_API_KEY',
    keyRequired: true,
    defaultProtocol: 'openai-chat',
    openai: { baseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1', quirks: { reasoning: 'enable-thinking' } },
    anthropic: { baseUrl: 'https://dashscope-intl.aliyuncs.com/apps/anthropic' },
    priceNamespace: 'dashscope',
  },
  'dashscope-cn': {
    label: 'Alibaba DashScope Qwen (China, CNY)',
    keyVar: 'DASHSCOPE_API_KEY',
    keyRequired: true,
    defaultProtocol: 'openai-chat',
    openai: { baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1', quirks: { reasoning: 'enable-thinking' } },
    anthropic: { baseUrl: 'https://dashscope.aliyuncs.com/apps/anthropic' },
  },
  moonshot: {
    label: 'Moonshot Kimi',
    keyVar: 'MOONSHOT_API_KEY',
    keyRequired: true,
    defaultProtocol: 'openai-chat',
    openai: { baseUrl: 'https://api.moonshot.ai/v1', quirks: THINKING },
    anthropic: { baseUrl: 'https://api.moonshot.ai/anthropic' },
    priceNamespace: 'moonshot',
  },
  minimax: {
    label: 'MiniMax',
    keyVar: 'MINIMAX_API_KEY',
    keyRequired: true,
    // The OpenAI endpoint inlines <think> in the answer; the Anthropic one returns thinking blocks.
    defaultProtocol: 'anthropic-messages',
    openai: { baseUrl: 'https://api.minimax.io/v1' },
    anthropic: { baseUrl: 'https://api.minimax.io/anthropic' },
    priceNamespace: 'minimax',
  },
  openrouter: {
    label: 'OpenRouter',
    keyVar: 'OPENROUTER_API_KEY',
    keyRequired: true,
    defaultProtocol: 'openai-chat',
    openai: { baseUrl: 'https://openrouter.ai/api/v1', quirks: { reasoning: 'openrouter' } },
    anthropic: { baseUrl: 'https://openrouter.ai/api', quirks: { auth: 'bearer' } },
    priceNamespace: 'openrouter',
  },
  ollama: {
    label: 'Ollama (local)',
    keyVar: 'OLLAMA_API_KEY',
    keyRequired: false,
    defaultProtocol: 'openai-chat',
    openai: { baseUrl: 'http://localhost:11434/v1' },
    anthropic: { baseUrl: 'http://localhost:11434' },
    priceNamespace: 'local',
  },
  vllm: {
    label: 'vLLM (local)',
    keyVar: 'VLLM_API_KEY',
    keyRequired: false,
    defaultProtocol: 'openai-chat',
    openai: { baseUrl: 'http://localhost:8000/v1', quirks: { reasoning: 'chat-template' } },
    priceNamespace: 'local',
  },
  llamacpp: {
    label: 'llama.cpp llama-server (local)',
    keyVar: 'LLAMACPP_API_KEY',
    keyRequired: false,
    defaultProtocol: 'openai-chat',
    openai: { baseUrl: 'http://127.0.0.1:8080/v1', quirks: { reasoning: 'chat-template' } },
    priceNamespace: 'local',
  },
  'openai-compatible': {
    label: 'Any OpenAI-compatible server (needs a base URL)',
    keyVar: 'OPENAI_COMPATIBLE_API_KEY',
    keyRequired: false,
    defaultProtocol: 'openai-chat',
    openai: {},
  },
  'anthropic-compatible': {
    label: 'Any Anthropic-compatible server (needs a base URL)',
    keyVar: 'ANTHROPIC_COMPATIBLE_API_KEY',
    keyRequired: false,
    defaultProtocol: 'anthropic-messages',
    anthropic: {},
  },
};
