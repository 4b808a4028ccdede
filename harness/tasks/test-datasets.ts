import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The public data the project keeps beside the checkout (../shared/datasets/README.md). */
export const DATASETS = resolve(import.meta.dirname, '../../../shared/datasets');

/** The path of a shared data file, and why tests that need it must skip (printed, never silent). */
export function sharedDataset(relative: string, who: string): { path: string; missing: string | undefined } {
  const path = resolve(DATASETS, relative);
  const missing = existsSync(path) ? undefined : `${path} is absent`;
  if (missing) console.warn(`${who}: skipping the checks on ${relative}: ${missing}`);
  return { path, missing };
}

/**
 * `count` items spread evenly over `items`, always the same ones: running every reference of a
 * public set takes minutes on two cores (scripts/check-imports.ts does that), a sample does not.
 */
export function evenSample<T>(items: readonly T[], count = 15): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]!);
}
