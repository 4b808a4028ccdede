/** Token counts the fake server reports for an answer it made up: about four characters a token. */
export interface FakeUsage {
  prompt: number;
  completion: number;
  cached: number;
  reasoning: number;
}

export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
