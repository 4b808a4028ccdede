import { z } from 'zod';
import { REASONING_EFFORTS } from '../adapters/model-params.ts';

const rate = z.number().min(0).max(1000, 'looks like a per-token figure times a million twice; prices are USD per million tokens');

/** `price:` on a model: USD per million tokens; overrides the price book for that model. */
export const priceSchema = z.strictObject({
  input: rate,
  output: rate,
  cache_read: rate.optional(),
  cache_write: rate.optional(),
  reasoning: rate.optional(),
  source: z.string().optional(),
  as_of: z.string().optional(),
});

export const paramsSchema = z
  .strictObject({
    temperature: z.number().min(0).max(2).optional(),
    max_tokens: z.number().int().positive().optional(),
    seed: z.number().int().optional(),
    top_p: z.number().min(0).max(1).optional(),
    reasoning_effort: z.enum(REASONING_EFFORTS).optional(),
    thinking_budget: z.number().int().positive().optional(),
    thinking: z.boolean().optional(),
    stream: z.boolean().optional(),
    extra_body: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((p) => p.thinking_budget === undefined || p.max_tokens === undefined || p.thinking_budget < p.max_tokens, {
    message: 'thinking_budget must be below max_tokens (thinking counts against max_tokens)',
    path: ['thinking_budget'],
  });

export const modelSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected letters, digits, ".", "_" or "-" (no ":"; that is for provider:model)'),
  provider: z.string().min(1),
  model: z.string().min(1),
  base_url: z.url({ protocol: /^https?$/ }).optional(),
  api_key_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name such as MY_API_KEY').optional(),
  params: paramsSchema.optional(),
  price: priceSchema.optional(),
});

/** `codebench.config.yaml` / `.json`; field names are snake_case as written. */
export const configFileSchema = z.strictObject({
  /** A litellm-format price file layered over the built-in price book; relative to the config file. */
  prices: z.string().min(1).optional(),
  models: z.array(modelSchema).default([]),
});

export type ConfigFile = z.infer<typeof configFileSchema>;
export type ModelEntry = z.infer<typeof modelSchema>;
