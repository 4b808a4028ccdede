import { InputError } from '../core/errors.ts';
import { fetchDataset } from '../tasks/fetch-dataset.ts';
import { publicSetNames, resolveSetName } from '../tasks/public-sets.ts';
import type { CliIO } from './main.ts';

export interface FetchArgs {
  name?: string;
  from?: string;
  url?: string;
  cacheDir: string;
  json?: boolean;
}

/**
 * `codebench tasks fetch NAME [--from FILE] [--url URL]`: puts a public set into the cache,
 * checked against its pinned sha256. An alias (`multipl-e-js`) fetches each of its sets.
 */
export async function fetchSets(args: FetchArgs, io: CliIO): Promise<number> {
  const known = publicSetNames().join(', ');
  if (!args.name) throw new InputError(`tasks fetch: name a set, one of ${known}`);
  if (args.name.includes(':')) throw new InputError(`tasks fetch ${args.name}: fetch the set without its :variant, e.g. ${args.name.split(':')[0]}`);
  const resolved = resolveSetName(args.name);
  if (!resolved) throw new InputError(`tasks fetch ${args.name}: unknown set; known sets: ${known}`);
  if (resolved.sets.length > 1 && (args.from !== undefined || args.url !== undefined)) {
    const names = resolved.sets.map((set) => set.name).join(', ');
    throw new InputError(`tasks fetch ${args.name}: --from and --url take one file; fetch ${names} one at a time`);
  }
  const results = [];
  for (const set of resolved.sets) {
    const result = await fetchDataset(set, { cacheDir: args.cacheDir, from: args.from, url: args.url });
    results.push({ name: set.name, ...result });
    if (!args.json) io.stderr(`codebench: ${set.name}: ${result.how}, sha256 ${result.sha256} verified\n`);
  }
  if (args.json) io.stdout(`${JSON.stringify(results, null, 2)}\n`);
  else for (const r of results) io.stdout(`${r.path}\n`);
  return 0;
}
