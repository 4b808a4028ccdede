import { describe, expect, it } from 'vitest';
import { splitThinkTags } from './split-think-tags.ts';

describe('splitThinkTags', () => {
  it('separates a leading think block from the answer', () => {
    expect(splitThinkTags('<think>\nadd them\n</think>\n\n```python\nx = 1\n```')).toEqual({ text: '```python\nx = 1\n```', reasoning: 'add them' });
  });

  it('leaves text without tags alone', () => {
    expect(splitThinkTags('plain answer')).toEqual({ text: 'plain answer' });
  });

  it('treats an unclosed block as reasoning cut off before any answer', () => {
    expect(splitThinkTags('<think>still going')).toEqual({ text: '', reasoning: 'still going' });
  });

  it('handles a closing tag whose opening tag was in the chat template', () => {
    expect(splitThinkTags('hmm, easy</think>answer')).toEqual({ text: 'answer', reasoning: 'hmm, easy' });
  });

  it('does not split on a think tag in the middle of an answer', () => {
    const text = 'use the string "<think>" and "</think>" as markers';
    expect(splitThinkTags(text)).toEqual({ text });
  });
});
