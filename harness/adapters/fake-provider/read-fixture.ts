import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A recorded payload from providers.md §1-§3, stored verbatim under `__fixtures__/`. */
export function readFixture(name: string): string {
  return readFileSync(join(import.meta.dirname, '__fixtures__', name), 'utf8');
}
