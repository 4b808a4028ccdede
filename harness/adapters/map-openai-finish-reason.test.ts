import { describe, expect, it } from 'vitest';
import { mapOpenAiFinishReason } from './map-openai-finish-reason.ts';

describe('mapOpenAiFinishReason', () => {
  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['content_filter', 'content-filter'],
    ['tool_calls', 'tool-calls'],
    ['function_call', 'tool-calls'],
    ['insufficient_system_resource', 'error'],
    ['eos', 'other'],
  ])('%s → %s, keeping the raw value', (raw, unified) => {
    expect(mapOpenAiFinishReason(raw)).toEqual({ unified, raw });
  });

  it('maps a missing reason to other with no raw value', () => {
    expect(mapOpenAiFinishReason(null)).toEqual({ unified: 'other', raw: undefined });
    expect(mapOpenAiFinishReason(undefined)).toEqual({ unified: 'other', raw: undefined });
  });
});
