import type { Difficulty } from '../core/task.ts';
import type { Verdict } from '../core/verdict.ts';

export interface DifficultyOptions {
  /** Model configs that must have scored samples of a task before it gets a label (default 3). */
  minModels?: number;
  /** A task at or above this solve rate is easy (default 2/3). */
  easyFrom?: number;
  /** A task below this solve rate is hard (default 1/3); in between is medium. */
  hardBelow?: number;
}

export interface MeasuredDifficulty {
  taskId: string;
  /** Model configs with at least one scored sample of the task. */
  models: number;
  /** Mean over those configs of each one's share of passing samples: every model weighs the same. */
  solveRate: number;
  /** `undefined` until `minModels` configs have been measured. */
  difficulty: Difficulty | undefined;
}

/**
 * Difficulty as measured, not guessed: how often the models that tried a task solved it. A config
 * with many samples counts once, as one with a single sample does; unscored samples say nothing
 * about the task and are left out.
 */
export function measureDifficulty(samples: Iterable<{ configId: string; taskId: string; verdict: Verdict }>, options: DifficultyOptions = {}): MeasuredDifficulty[] {
  const minModels = options.minModels ?? 3;
  const easyFrom = options.easyFrom ?? 2 / 3;
  const hardBelow = options.hardBelow ?? 1 / 3;
  if (!Number.isInteger(minModels) || minModels < 1) throw new TypeError(`Expected \`minModels\` to be an integer from 1 and up, got ${minModels}`);
  if (!(hardBelow >= 0 && hardBelow <= easyFrom && easyFrom <= 1)) throw new TypeError(`Expected 0 <= \`hardBelow\` <= \`easyFrom\` <= 1, got ${hardBelow} and ${easyFrom}`);
  const byTask = new Map<string, Map<string, { passed: number; scored: number }>>();
  for (const s of samples) {
    if (s.verdict === 'unscored') continue;
    let configs = byTask.get(s.taskId);
    if (!configs) byTask.set(s.taskId, (configs = new Map()));
    const tally = configs.get(s.configId) ?? { passed: 0, scored: 0 };
    tally.scored++;
    if (s.verdict === 'pass') tally.passed++;
    configs.set(s.configId, tally);
  }
  return [...byTask]
    .map(([taskId, configs]) => {
      const rates = [...configs.values()].map((t) => t.passed / t.scored);
      const solveRate = rates.reduce((a, b) => a + b, 0) / rates.length;
      const difficulty: Difficulty | undefined = rates.length < minModels ? undefined : solveRate >= easyFrom ? 'easy' : solveRate < hardBelow ? 'hard' : 'medium';
      return { taskId, models: rates.length, solveRate, difficulty };
    })
    .sort((a, b) => (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0));
}
