import { InputError } from '../core/errors.ts';
import type { RunSpec } from '../core/run-spec.ts';
import type { RunRow } from '../store/run-row.ts';

interface RunLookup {
  getRun(idOrLatest: string): RunRow | undefined;
  listRuns(): RunRow[];
}

/**
 * Which stored run this invocation continues: `--resume ID|latest`, or a run already stored under
 * the same `--name` (so a nightly job that is killed and started again picks up where it was).
 */
export function resolveResume(args: { resume?: string; name?: string; model?: string[] }, store: RunLookup): { runId: string; spec: RunSpec } | undefined {
  if (args.resume !== undefined) {
    const run = store.getRun(args.resume);
    if (!run) throw new InputError(`--resume ${args.resume}: no such run in this database (see the run ids printed at the end of each run)`);
    return { runId: run.id, spec: run.spec };
  }
  if (args.name === undefined) return undefined;
  const run = store.listRuns().find((r) => r.name === args.name);
  if (!run) return undefined;
  const stored = run.spec.models.map((m) => m.name).join(', ');
  const asked = (args.model ?? []).map((m) => m.trim()).join(', ');
  if (asked !== '' && asked !== stored) {
    throw new InputError(`--name ${args.name}: a run of that name exists with models ${stored}; use another --name to start a new run`);
  }
  return { runId: run.id, spec: run.spec };
}
