import { analyzeRuns } from '../compare/analyze-runs.ts';
import { formatComparison } from '../report/format-comparison.ts';
import { toLeaderboard } from '../report/to-leaderboard.ts';
import type { Store } from '../store/store.ts';

/** The end-of-run comparison with `--baseline`: text for the terminal and the same as JSON. */
export function runComparison(store: Store, runId: string, baseline: string): { text: string; json: unknown } {
  const run = store.getRun(runId)!;
  const analysis = analyzeRuns({ runs: [{ run, samples: store.listSamples(runId) }], baseline });
  const board = toLeaderboard(analysis) as { models: { name: string; vsBaseline: unknown }[]; recommendation: unknown };
  return {
    text: formatComparison(analysis),
    json: { comparisons: board.models.filter((m) => m.vsBaseline !== null).map((m) => ({ name: m.name, ...(m.vsBaseline as object) })), recommendation: board.recommendation },
  };
}
