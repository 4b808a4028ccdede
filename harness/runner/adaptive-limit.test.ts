import { describe, expect, it } from 'vitest';
import { AdaptiveLimit, RateCap } from './adaptive-limit.ts';
import { planItems, planSize, shardOf } from './plan.ts';

describe('AdaptiveLimit', () => {
  it('halves on pushback and grows back one at a time after a run of successes', async () => {
    const limit = new AdaptiveLimit(8);
    limit.backOff();
    expect(limit.limit).toBe(4);
    limit.backOff();
    limit.backOff();
    limit.backOff();
    expect(limit.limit).toBe(1);
    limit.succeeded();
    expect(limit.limit).toBe(2);
    limit.succeeded();
    expect(limit.limit).toBe(2);
    limit.succeeded();
    expect(limit.limit).toBe(3);
  });

  it('holds callers beyond the limit until a place is released', async () => {
    const limit = new AdaptiveLimit(2);
    await limit.acquire();
    await limit.acquire();
    let third = false;
    const waiting = limit.acquire().then(() => (third = true));
    await Promise.resolve();
    expect(third).toBe(false);
    limit.release();
    await waiting;
    expect(third).toBe(true);
    expect(limit.active).toBe(2);
  });
});

describe('RateCap', () => {
  it('allows N starts per sliding minute and says how long to wait', () => {
    let now = 0;
    const cap = new RateCap(2, () => now);
    expect(cap.reserve()).toBe(0);
    now = 10_000;
    expect(cap.reserve()).toBe(0);
    expect(cap.reserve()).toBe(50_000);
    now = 60_000;
    expect(cap.reserve()).toBe(0);
    expect(new RateCap(undefined).reserve()).toBe(0);
  });
});

describe('plan and shards', () => {
  const tasks = Array.from({ length: 30 }, (_, i) => ({ id: `t${i}` }) as never);
  const configs = [{ configId: 'a' }, { configId: 'b' }] as never[];

  it('puts every (task, model) pair in exactly one shard, the same on every machine', () => {
    const seen = new Map<string, number>();
    for (const index of [1, 2, 3]) {
      for (const item of planItems(tasks, configs, 2, { index, count: 3 })) {
        const key = `${(item.task as { id: string }).id}/${(item.config as { configId: string }).configId}/${item.sampleIndex}`;
        expect(seen.has(key)).toBe(false);
        seen.set(key, index);
      }
    }
    expect(seen.size).toBe(120);
    expect(shardOf('t1', 'a', 3)).toBe(shardOf('t1', 'a', 3));
    expect(planSize(tasks, configs, 2, { index: 1, count: 3 }) + planSize(tasks, configs, 2, { index: 2, count: 3 }) + planSize(tasks, configs, 2, { index: 3, count: 3 })).toBe(120);
  });
});
