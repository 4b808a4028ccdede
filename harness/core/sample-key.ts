/**
 * Identifies one sample of a run: (config, task, sample index). NUL cannot occur in config or
 * task ids typed by people, so the key cannot be ambiguous.
 */
export function sampleKey(configId: string, taskId: string, sampleIndex: number): string {
  return `${configId}\u0000${taskId}\u0000${sampleIndex}`;
}
