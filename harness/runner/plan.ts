import type { ModelConfig } from '../core/run-spec.ts';
import { stableHash } from '../core/stable-hash.ts';
import type { Task } from '../core/task.ts';

export interface Shard {
  /** 1-based, as typed: `--shard 2/4`. */
  index: number;
  count: number;
}

export interface PlanItem {
  task: Task;
  config: ModelConfig;
  sampleIndex: number;
}

/** Which shard a (task, model) pair belongs to: a stable hash, so every machine agrees. */
export function shardOf(taskId: string, configId: string, count: number): number {
  return (Number.parseInt(stableHash(`${configId}\u0000${taskId}`, 8), 16) % count) + 1;
}

/** Tasks × models × samples, lazily, so a plan of 100,000 samples costs no memory up front. */
export function* planItems(tasks: readonly Task[], configs: readonly ModelConfig[], samples: number, shard?: Shard): Generator<PlanItem> {
  for (let sampleIndex = 0; sampleIndex < samples; sampleIndex++) {
    for (const task of tasks) {
      for (const config of configs) {
        if (shard && shardOf(task.id, config.configId, shard.count) !== shard.index) continue;
        yield { task, config, sampleIndex };
      }
    }
  }
}

export function planSize(tasks: readonly Task[], configs: readonly ModelConfig[], samples: number, shard?: Shard): number {
  if (!shard) return tasks.length * configs.length * samples;
  let n = 0;
  for (const task of tasks) for (const config of configs) if (shardOf(task.id, config.configId, shard.count) === shard.index) n++;
  return n * samples;
}
