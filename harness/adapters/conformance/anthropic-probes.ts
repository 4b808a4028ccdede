import type Anthropic from '@anthropic-ai/sdk';
import { ANTHROPIC_ERROR_PROBES } from './anthropic-error-probes.ts';
import { ANTHROPIC_TEXT_PROBES } from './anthropic-text-probes.ts';
import { ANTHROPIC_TOOL_PROBES } from './anthropic-tool-probes.ts';
import type { Probe } from './probe.ts';

/** The whole Messages API battery, in the same order and with the same names as the OpenAI one. */
export const ANTHROPIC_PROBES: Probe<Anthropic>[] = [...ANTHROPIC_TEXT_PROBES, ...ANTHROPIC_TOOL_PROBES, ...ANTHROPIC_ERROR_PROBES];
