import type { ModelPrice, PriceBook } from './model-price.ts';

/**
 * Our dated price book for the presets' models, USD per million tokens. Figures come from
 * ../shared/docs/providers.md §4, which read litellm's `model_prices_and_context_window.json`
 * (mirror dated 2026-07-24) and the providers' own pricing pages; see harness/pricing/README.md.
 * Override one model with `price:` in the config file, or layer a fresh litellm file on top with
 * `--prices FILE`.
 */
export const PRICE_BOOK_DATE = '2026-07-24';

const LITELLM = 'litellm model_prices_and_context_window.json (RoCry/llm-api-price mirror, last_updated 2026-07-24)';
const ANTHROPIC = 'platform.claude.com/docs/en/docs/about-claude/pricing (matches litellm 2026-07-24)';

const entries: [string[], ModelPrice][] = [];
function add(keys: string[], price: ModelPrice): void {
  entries.push([keys, { asOf: PRICE_BOOK_DATE, ...price }]);
}

// Anthropic: cache read 0.1×, 5-minute write 1.25×, 1-hour write 2× the input rate.
const sonnet = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, cacheWrite1h: 6, source: ANTHROPIC };
const sonnetLong = { aboveTokens: 200_000, input: 6, output: 22.5, cacheRead: 0.6, cacheWrite: 7.5 };
add(['anthropic/claude-sonnet-4-20250514', 'anthropic/claude-sonnet-4-0', 'anthropic/claude-sonnet-4'], { ...sonnet, thresholds: [sonnetLong] });
add(['anthropic/claude-sonnet-4-5'], { ...sonnet, thresholds: [sonnetLong] });
add(['anthropic/claude-sonnet-4-6'], sonnet);
add(['anthropic/claude-opus-4-20250514', 'anthropic/claude-opus-4-0', 'anthropic/claude-opus-4', 'anthropic/claude-opus-4-1'], { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75, cacheWrite1h: 30, source: ANTHROPIC });
add(['anthropic/claude-opus-4-5', 'anthropic/claude-opus-4-6', 'anthropic/claude-opus-4-7', 'anthropic/claude-opus-4-8'], { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25, cacheWrite1h: 10, source: ANTHROPIC });
add(['anthropic/claude-haiku-4-5'], { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25, cacheWrite1h: 2, source: ANTHROPIC });
add(['anthropic/claude-3-5-haiku', 'anthropic/claude-3-5-haiku-latest'], { input: 0.8, output: 4, cacheRead: 0.08, cacheWrite: 1, cacheWrite1h: 1.6, source: ANTHROPIC });
// litellm's 1-hour write for this model (6e-06) is a known data error; the official figure is $0.50.
add(['anthropic/claude-3-haiku-20240307', 'anthropic/claude-3-haiku'], { input: 0.25, output: 1.25, cacheRead: 0.03, cacheWrite: 0.3, cacheWrite1h: 0.5, source: ANTHROPIC });

// OpenAI: cached input is discounted, there is no cache-write charge, reasoning is billed as output.
const openai = (input: number, cacheRead: number | undefined, output: number): ModelPrice => ({ input, cacheRead, output, source: LITELLM });
add(['openai/gpt-4.1'], openai(2, 0.5, 8));
add(['openai/gpt-4.1-mini'], openai(0.4, 0.1, 1.6));
add(['openai/gpt-4.1-nano'], openai(0.1, 0.025, 0.4));
add(['openai/gpt-4o'], openai(2.5, 1.25, 10));
add(['openai/gpt-4o-mini'], openai(0.15, 0.075, 0.6));
add(['openai/gpt-5', 'openai/gpt-5-codex', 'openai/gpt-5.1', 'openai/gpt-5.1-codex'], openai(1.25, 0.125, 10));
add(['openai/gpt-5-mini'], openai(0.25, 0.025, 2));
add(['openai/gpt-5-nano'], openai(0.05, 0.005, 0.4));
add(['openai/gpt-5.2', 'openai/gpt-5.3-codex'], openai(1.75, 0.175, 14));
add(['openai/gpt-5.4'], { ...openai(2.5, 0.25, 15), thresholds: [{ aboveTokens: 272_000, input: 5, cacheRead: 0.5, output: 22.5 }] });
add(['openai/gpt-5.5'], { ...openai(5, 0.5, 30), thresholds: [{ aboveTokens: 272_000, input: 10, cacheRead: 1, output: 45 }] });
// o3 was 10 / 2.50 / 40 until the 2025-06-10 price cut.
add(['openai/o3'], openai(2, 0.5, 8));
add(['openai/o3-pro'], openai(20, undefined, 80));
add(['openai/o3-mini'], openai(1.1, 0.55, 4.4));
add(['openai/o4-mini'], openai(1.1, 0.275, 4.4));

// DeepSeek: cache miss / cache hit / output. V3.2 prices for both names since 2026-01-14 (litellm).
const deepseek = 'api-docs.deepseek.com/quick_start/pricing via litellm 2026-07-24';
add(['deepseek/deepseek-chat', 'deepseek/deepseek-reasoner'], { input: 0.28, cacheRead: 0.028, output: 0.42, source: deepseek });
add(['deepseek/deepseek-v4-flash'], { input: 0.14, cacheRead: 0.0028, output: 0.28, source: deepseek });
add(['deepseek/deepseek-v4-pro'], { input: 0.435, cacheRead: 0.003625, output: 0.87, source: `${deepseek} (looks promotional: re-verify)` });

// Z.ai GLM (USD; BigModel bills in CNY and has no entry).
const zai = 'docs.z.ai/guides/overview/pricing via litellm 2026-07-24';
add(['zai/glm-4.5'], { input: 0.6, cacheRead: 0.12, output: 2.2, source: `${zai}; cached = 1/5 of input per docs.z.ai/help/faq (litellm omits it)` });
add(['zai/glm-4.5-air'], { input: 0.2, output: 1.1, source: zai });
add(['zai/glm-4.5-x'], { input: 2.2, output: 8.9, source: zai });
add(['zai/glm-4.5-airx'], { input: 1.1, output: 4.5, source: zai });
add(['zai/glm-4.5-flash', 'zai/glm-4.7-flash'], { input: 0, cacheRead: 0, output: 0, source: `${zai} (free tier)` });
add(['zai/glm-4.6', 'zai/glm-4.7'], { input: 0.6, cacheRead: 0.11, output: 2.2, source: zai });
add(['zai/glm-5'], { input: 1, cacheRead: 0.2, output: 3.2, source: zai });
add(['zai/glm-5.1'], { input: 1.4, cacheRead: 0.26, output: 4.4, source: zai });

// Qwen3-Coder on Model Studio international: every token billed at the tier of the prompt size.
const dashscope = 'litellm dashscope/* 2026-07-24 (Alibaba Model Studio international)';
const tiers = (rows: [number, number, number][]) =>
  rows.map(([input, cacheRead, output], i) => ({ fromTokens: [0, 32_000, 128_000, 256_000][i]!, toTokens: [32_000, 128_000, 256_000, 1_000_000][i]!, input, cacheRead, output }));
add(['dashscope/qwen3-coder-plus'], { input: 1, cacheRead: 0.1, output: 5, tiers: tiers([[1, 0.1, 5], [1.8, 0.18, 9], [3, 0.3, 15], [6, 0.6, 60]]), source: dashscope });
add(['dashscope/qwen3-coder-flash'], { input: 0.3, cacheRead: 0.08, output: 1.5, tiers: tiers([[0.3, 0.08, 1.5], [0.5, 0.12, 2.5], [0.8, 0.2, 4], [1.6, 0.4, 9.6]]), source: `${dashscope}; tier bounds assumed equal to qwen3-coder-plus` });

// Moonshot Kimi (platform.moonshot.ai/docs/pricing/chat via litellm).
const moonshot = 'platform.moonshot.ai/docs/pricing/chat via litellm 2026-07-24';
add(['moonshot/kimi-k2-0711-preview', 'moonshot/kimi-k2-0905-preview', 'moonshot/kimi-k2-thinking'], { input: 0.6, cacheRead: 0.15, output: 2.5, source: moonshot });
add(['moonshot/kimi-k2-turbo-preview', 'moonshot/kimi-k2-thinking-turbo'], { input: 1.15, cacheRead: 0.15, output: 8, source: moonshot });
add(['moonshot/kimi-k2.5'], { input: 0.6, cacheRead: 0.1, output: 3, source: moonshot });
add(['moonshot/kimi-k2.6'], { input: 0.95, cacheRead: 0.16, output: 4, source: moonshot });

// MiniMax (litellm minimax/*).
const minimax = 'litellm minimax/* 2026-07-24';
add(['minimax/MiniMax-M2', 'minimax/MiniMax-M2.1', 'minimax/MiniMax-M2.5'], { input: 0.3, cacheRead: 0.03, cacheWrite: 0.375, output: 1.2, source: minimax });
add(['minimax/MiniMax-M2.1-lightning', 'minimax/MiniMax-M2.5-lightning'], { input: 0.3, cacheRead: 0.03, cacheWrite: 0.375, output: 2.4, source: minimax });
add(['minimax/MiniMax-M3'], { input: 0.3, cacheRead: 0.06, output: 1.2, thresholds: [{ aboveTokens: 512_000, input: 0.6, cacheRead: 0.12, output: 2.4 }], source: minimax });

// OpenRouter lists upstream prices; its own `usage.cost` is recorded beside ours and compared.
const openrouter = 'litellm openrouter/* 2026-07-24';
add(['openrouter/anthropic/claude-haiku-4.5'], { input: 1, cacheRead: 0.1, cacheWrite: 1.25, output: 5, source: `${ANTHROPIC}; OpenRouter passes it through` });
add(['openrouter/z-ai/glm-4.6'], { input: 0.4, output: 1.75, source: openrouter });
add(['openrouter/qwen/qwen3-coder'], { input: 0.22, output: 0.95, source: openrouter });
add(['openrouter/qwen/qwen3-coder-plus'], { input: 1, output: 5, source: openrouter });
add(['openrouter/moonshotai/kimi-k2.5'], { input: 0.6, cacheRead: 0.1, output: 3, source: openrouter });
add(['openrouter/minimax/minimax-m2'], { input: 0.255, output: 1.02, source: openrouter });
add(['openrouter/minimax/minimax-m2.5'], { input: 0.3, cacheRead: 0.15, output: 1.1, source: openrouter });

// Ollama, vLLM and llama.cpp on your own machine charge no per-token fee.
add(['local/*'], { input: 0, cacheRead: 0, cacheWrite: 0, output: 0, source: 'local server: no per-token fee' });

export const PRICE_BOOK: PriceBook = Object.fromEntries(entries.flatMap(([keys, price]) => keys.map((key) => [key, price])));
