/**
 * The JSON objects bwrap (or ./sandbox-enter.c) wrote to the status fd: one per event, possibly
 * concatenated without newlines, the last one cut short when the writer was killed.
 */
export function parseStatus(text: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const piece of text.split(/(?<=\})\s*(?=\{)/)) {
    try {
      const value: unknown = JSON.parse(piece);
      if (value && typeof value === 'object') out.push(value as Record<string, unknown>);
    } catch {
      /* partial line from a killed bwrap */
    }
  }
  return out;
}
