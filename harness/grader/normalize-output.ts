import { createHash } from 'node:crypto';

/**
 * LiveCodeBench-style output comparison: lines are compared one by one with trailing whitespace
 * stripped, and trailing blank lines are ignored; leading whitespace and blank lines in between
 * count. Only ASCII whitespace is stripped (space, tab, CR, form feed, vertical tab), so that the
 * case driver, which compares bytes in Python, and this TypeScript side agree on every input.
 */
export function normalizeOutput(text: string): string {
  const lines = text.split('\n').map((line) => line.replace(/[ \t\r\f\v]+$/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

/** sha256 (hex) of the normalised output's UTF-8 bytes: what the case driver reports per case. */
export function outputDigest(text: string): string {
  return createHash('sha256').update(normalizeOutput(text), 'utf8').digest('hex');
}
